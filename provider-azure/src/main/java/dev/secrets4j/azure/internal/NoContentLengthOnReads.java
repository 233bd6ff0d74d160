package dev.secrets4j.azure.internal;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import reactor.core.publisher.Mono;

/**
 * Drops the {@code Content-Length: 0} the SDK puts on body-less GETs. The JDK HTTP client forbids setting that
 * header (it computes it), and the SDK's JDK transport logs a warning for every request that carries it; on the
 * read path that would be one warning per store call.
 */
final class NoContentLengthOnReads implements HttpPipelinePolicy {

  @Override
  public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
    strip(context);
    return next.process();
  }

  @Override
  public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
    strip(context);
    return next.processSync();
  }

  private static void strip(HttpPipelineCallContext context) {
    if (context.getHttpRequest().getHttpMethod() == HttpMethod.GET) {
      context.getHttpRequest().getHeaders().remove(HttpHeaderName.CONTENT_LENGTH);
    }
  }

  @Override
  public HttpPipelinePosition getPipelinePosition() {
    return HttpPipelinePosition.PER_RETRY;
  }
}
