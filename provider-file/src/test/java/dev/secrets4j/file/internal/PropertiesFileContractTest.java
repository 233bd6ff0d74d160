package dev.secrets4j.file.internal;

import java.io.StringWriter;
import java.util.Map;
import java.util.Properties;

/** A properties file held to core's source contract. */
class PropertiesFileContractTest extends SingleFileContract {
  @Override
  String fileName() {
    return "development.properties";
  }

  @Override
  String render(Map<String, String> values) throws Exception {
    Properties p = new Properties();
    p.putAll(values);
    StringWriter w = new StringWriter();
    p.store(w, "written by the contract fixture");
    return w.toString();
  }
}
