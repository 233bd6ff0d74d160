package dev.secrets4j.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Core's boundary, checked on its compiled classes: what is public, what it exposes, who writes entry state. */
class BoundaryTest {
  private static final Set<String> API_PACKAGES = Set.of("dev.secrets4j", "dev.secrets4j.spi", "dev.secrets4j.cli");
  private static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.secrets4j");

  private static boolean isApi(JavaClass c) {
    return API_PACKAGES.contains(c.getPackageName()) && isPublicAllTheWay(c);
  }

  private static boolean isPublicAllTheWay(JavaClass c) {
    for (JavaClass k = c; k != null; k = k.getEnclosingClass().orElse(null)) {
      if (!k.getModifiers().contains(JavaModifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }

  @Test
  void noPublicApiMember_exposesANonApiType() {
    List<String> leaks = new ArrayList<>();
    for (JavaClass c : CORE) {
      if (!isApi(c) || c.getPackageName().equals("dev.secrets4j.cli")) {
        continue;
      }
      List<JavaMember> members = new ArrayList<>();
      members.addAll(c.getMethods());
      members.addAll(c.getConstructors());
      members.addAll(c.getFields());
      for (JavaMember m : members) {
        Set<JavaModifier> mods = m.getModifiers();
        boolean visible = mods.contains(JavaModifier.PUBLIC)
            || (mods.contains(JavaModifier.PROTECTED) && !c.getModifiers().contains(JavaModifier.FINAL));
        if (!visible) {
          continue;
        }
        Set<JavaClass> exposed = m instanceof JavaField ? ((JavaField) m).getAllInvolvedRawTypes()
            : ((JavaCodeUnit) m).getAllInvolvedRawTypes();
        for (JavaClass t : exposed) {
          if (t.getPackageName().startsWith("dev.secrets4j") && !isApi(t.getBaseComponentType())) {
            leaks.add(m.getFullName() + " exposes " + t.getName());
          }
        }
      }
      for (JavaClass t : c.getInterfaces().stream().map(i -> i.toErasure()).collect(Collectors.toList())) {
        if (t.getPackageName().startsWith("dev.secrets4j") && !isApi(t)) {
          leaks.add(c.getName() + " implements " + t.getName());
        }
      }
    }
    assertThat(leaks).as("public API members whose signature names an internal type").isEmpty();
  }

  @Test
  void publicSurface_ofTheApiAndSpiPackages() {
    Set<String> top = new TreeSet<>();
    for (JavaClass c : CORE) {
      if (isApi(c) && !c.isNestedClass() && !c.getPackageName().equals("dev.secrets4j.cli")) {
        top.add(c.getName());
      }
    }
    // 17 in the API (the resolver, its builder and guard options, environment and detector, secret, access context,
    // audit event and hook, rotation listener, manifest, six exceptions) and 8 in the SPI; what exists only beside
    // another type nests in it (Secrets.Status, Secrets.Ticker, Environment.Detection, Manifest.Report)
    assertThat(top).hasSizeLessThanOrEqualTo(25);
  }

  @Test
  void moduleExportsOnly_theApiSpiAndCliPackages() throws IOException {
    ModuleDescriptor d;
    try (InputStream in = Files.newInputStream(Path.of("target", "classes", "module-info.class"))) {
      d = ModuleDescriptor.read(in);
    }
    assertThat(d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
        .isEqualTo(API_PACKAGES);
    assertThat(d.exports()).allMatch(e -> !e.isQualified());
    assertThat(d.uses()).contains("dev.secrets4j.spi.SecretSourceProvider", "dev.secrets4j.spi.CredentialPatterns");
  }

  @Test
  void entryState_isWrittenOnlyByEntry() {
    DescribedPredicate<JavaAccess<?>> writesEntryField = DescribedPredicate.describe("writes a field of Entry",
        a -> a instanceof JavaFieldAccess && ((JavaFieldAccess) a).getAccessType() == JavaFieldAccess.AccessType.SET
            && a.getTargetOwner().getName().equals("dev.secrets4j.Entry"));
    noClasses().that().doNotHaveFullyQualifiedName("dev.secrets4j.Entry")
        .should().accessTargetWhere(writesEntryField).check(CORE);
  }
}
