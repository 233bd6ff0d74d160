package dev.secrets4j.file.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A secret volume laid out as the kubelet writes it: {@code ..<timestamp>/} holds the files, {@code ..data} links to
 * it, and each key is a link {@code name -> ..data/name}. An update writes a new timestamped folder, swaps
 * {@code ..data} with one atomic rename and removes the old folder.
 */
final class Kube {
  private final Path root;
  private int generation;
  private Path current;

  Kube(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  /** Publishes {@code values} as the volume's new content. */
  synchronized void publish(Map<String, String> values) throws IOException {
    Path gen = root.resolve(String.format("..2026_11_28_12_%02d_%02d.%09d", generation / 60 % 60, generation % 60,
        generation));
    generation++;
    Files.createDirectory(gen);
    for (Map.Entry<String, String> e : values.entrySet()) {
      TestFiles.write(gen.resolve(e.getKey()), e.getValue());
    }
    Path tmp = root.resolve("..data_tmp");
    Files.createSymbolicLink(tmp, gen.getFileName());
    Files.move(tmp, root.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
    for (String name : values.keySet()) {
      Path link = root.resolve(name);
      if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
        Files.createSymbolicLink(link, Path.of("..data", name));
      }
    }
    if (current != null) {
      deleteTree(current);
    }
    current = gen;
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
