package dev.secrets4j.file.internal;

import java.util.Map;

/** A dotenv file held to core's source contract. */
class DotenvFileContractTest extends SingleFileContract {
  @Override
  String fileName() {
    return "development.env";
  }

  @Override
  String render(Map<String, String> values) {
    StringBuilder sb = new StringBuilder("# written by the contract fixture\n");
    values.forEach((k, v) -> sb.append(Dotenv.line(k, v)).append('\n'));
    return sb.toString();
  }
}
