package dev.secrets4j.file.internal;

/**
 * A file's content is wrong: malformed, duplicated, undecryptable. The message says where (line number) and
 * what, names keys only when they look like names, and never contains a value.
 */
final class MalformedContentException extends Exception {
  private static final long serialVersionUID = 1L;

  MalformedContentException(String message) {
    super(message);
  }
}
