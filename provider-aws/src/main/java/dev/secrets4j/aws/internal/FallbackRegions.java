package dev.secrets4j.aws.internal;

import dev.secrets4j.spi.SourceUri;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The replica regions a source fails over to when its region's Secrets Manager cannot answer
 * ({@code fallbackRegions=us-west-2,eu-west-1}, tried in that order), and the endpoint of each where it is not the
 * regional one ({@code endpoint.us-west-2=URL}: a VPC endpoint in that region).
 *
 * @param regions the fallback regions in the order they are tried; empty when there are none
 * @param endpoints the endpoint of those regions that have an {@code endpoint.REGION=}
 */
record FallbackRegions(List<String> regions, Map<String, URI> endpoints) {
  static final String FALLBACK_REGIONS = "fallbackRegions";
  static final String ENDPOINT_OF = AwsSourceSettings.ENDPOINT + ".";
  static final int MAX_REGIONS = 5;
  static final FallbackRegions NONE = new FallbackRegions(List.of(), Map.of());

  FallbackRegions {
    regions = List.copyOf(regions);
    endpoints = Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
  }

  /**
   * The fallback regions {@code uri} names, for a source in {@code primary}.
   *
   * @throws dev.secrets4j.SecretConfigurationException for a value that is not a region name, a duplicate, the
   *     primary region, more than {@value #MAX_REGIONS} regions, or an {@code endpoint.REGION=} for a region that
   *     is not a fallback region
   */
  static FallbackRegions parse(SourceUri uri, String primary) {
    String text = uri.param(FALLBACK_REGIONS).orElse(null);
    List<String> regions = new ArrayList<>();
    if (text != null) {
      Set<String> seen = new LinkedHashSet<>();
      for (String part : text.split(",", -1)) {
        String region = part.trim();
        if (!AwsSourceSettings.isRegionName(region)) {
          throw bad(uri, "names '" + region + "', which is not an AWS region name such as us-west-2 (lower case)");
        }
        if (region.equals(primary)) {
          throw bad(uri, "names " + region + ", the source's own region; list only the regions its secrets are "
              + "replicated to");
        }
        if (!seen.add(region)) {
          throw bad(uri, "names " + region + " twice");
        }
        regions.add(region);
      }
      if (regions.size() > MAX_REGIONS) {
        throw bad(uri, "names " + regions.size() + " regions; at most " + MAX_REGIONS + " are tried");
      }
    }
    Map<String, URI> endpoints = new LinkedHashMap<>();
    for (String param : uri.params().keySet()) {
      if (!param.startsWith(ENDPOINT_OF)) {
        continue;
      }
      String region = param.substring(ENDPOINT_OF.length());
      if (!regions.contains(region)) {
        throw AwsSourceSettings.bad(uri, "sets " + param + " but " + (region.isEmpty() ? "names no region"
            : region + " is not one of " + FALLBACK_REGIONS + "=" + String.join(",", regions)) + "; "
            + ENDPOINT_OF + "REGION=URL gives the endpoint of one fallback region (endpoint= is the primary's)");
      }
      endpoints.put(region, AwsSourceSettings.endpoint(uri, uri.param(param).orElseThrow()));
    }
    return regions.isEmpty() ? NONE : new FallbackRegions(regions, endpoints);
  }

  /** The {@code endpoint.REGION} parameters {@code uri} may carry: those of its fallback regions. */
  Set<String> endpointParams() {
    Set<String> out = new LinkedHashSet<>();
    for (String region : regions) {
      out.add(ENDPOINT_OF + region);
    }
    return out;
  }

  /** True when the source has no fallback region. */
  boolean isEmpty() {
    return regions.isEmpty();
  }

  /** The endpoint of {@code region}, or null for its regional endpoint. */
  URI endpoint(String region) {
    return endpoints.get(region);
  }

  private static dev.secrets4j.SecretConfigurationException bad(SourceUri uri, String what) {
    return AwsSourceSettings.bad(uri, "has " + FALLBACK_REGIONS + "=" + uri.param(FALLBACK_REGIONS).orElse("")
        + ", which " + what + "; give up to " + MAX_REGIONS + " other regions the secrets are replicated to, "
        + "comma-separated, such as " + FALLBACK_REGIONS + "=us-west-2,eu-west-1");
  }
}
