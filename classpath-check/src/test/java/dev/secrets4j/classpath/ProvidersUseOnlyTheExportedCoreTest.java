package dev.secrets4j.classpath;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The boundary for the modules the compiler cannot hold to it: the GCP provider, MicroProfile and OAuth2 integrations
 * and the test kit are automatic modules (their libraries have no module names), so nothing stops them from reaching
 * into core's packages that {@code module-info} does not export. This rule does, over the published jars.
 */
class ProvidersUseOnlyTheExportedCoreTest {
  private static final JavaClasses PUBLISHED = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(location -> !location.contains("/classpath-check/"))
      .importPackages("dev.secrets4j");

  @Test
  void noModuleButCore_usesCoresInternalPackage() {
    noClasses().that().resideOutsideOfPackages("dev.secrets4j", "dev.secrets4j.internal..", "dev.secrets4j.spi..",
            "dev.secrets4j.cli..")
        .should().dependOnClassesThat().resideInAPackage("dev.secrets4j.internal..")
        .because("core exports only dev.secrets4j, dev.secrets4j.spi and dev.secrets4j.cli")
        .check(PUBLISHED);
  }

  @Test
  void noModule_usesAnotherModulesInternalPackage() {
    String[][] modules = {
      {"dev.secrets4j.aws..", "dev.secrets4j.aws.internal.."},
      {"dev.secrets4j.gcp..", "dev.secrets4j.gcp.internal.."},
      {"dev.secrets4j.azure..", "dev.secrets4j.azure.internal.."},
      {"dev.secrets4j.file..", "dev.secrets4j.file.internal.."},
    };
    for (String[] m : modules) {
      noClasses().that().resideOutsideOfPackage(m[0])
          .should().dependOnClassesThat().resideInAPackage(m[1])
          .because("a provider's internal package is its own")
          .check(PUBLISHED);
    }
  }
}
