/**
 * secrets4j's implementation: the resolver, detection and guard rules, the built-in sources and helpers
 * shared with provider modules. <strong>Not API</strong>: anything here may change in any release without
 * notice; applications use {@code dev.secrets4j}, providers {@code dev.secrets4j.spi}.
 */
package dev.secrets4j.internal;
