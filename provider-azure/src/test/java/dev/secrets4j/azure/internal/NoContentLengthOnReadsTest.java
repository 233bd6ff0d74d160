package dev.secrets4j.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.util.Context;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class NoContentLengthOnReadsTest {

  @Test
  void gets_reachTheTransportWithoutContentLength_otherMethodsKeepIt() {
    List<HttpRequest> sent = new CopyOnWriteArrayList<>();
    HttpPipeline pipeline = new HttpPipelineBuilder()
        .policies(new NoContentLengthOnReads())
        .httpClient(request -> {
          sent.add(request);
          return Mono.error(new IllegalStateException("recorded"));
        })
        .build();
    for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.PUT)) {
      HttpRequest r = new HttpRequest(method, "https://127.0.0.1/secrets/x/");
      r.setHeader(HttpHeaderName.CONTENT_LENGTH, "0");
      assertThatThrownBy(() -> pipeline.sendSync(r, Context.NONE)).hasMessageContaining("recorded");
    }
    assertThat(sent).extracting(r -> r.getHeaders().getValue(HttpHeaderName.CONTENT_LENGTH))
        .containsExactly(null, "0");
  }
}
