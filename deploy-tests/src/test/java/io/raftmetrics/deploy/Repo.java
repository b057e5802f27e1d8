package io.raftmetrics.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The checkout under test: {@code project.root} (set by the parent POM's surefire configuration) or the parent. */
final class Repo {

  private Repo() {
  }

  static Path root() {
    String prop = System.getProperty("project.root");
    Path root = prop != null ? Paths.get(prop) : Paths.get("").toAbsolutePath().getParent();
    if (!Files.isRegularFile(root.resolve("Dockerfile"))) {
      throw new IllegalStateException("no Dockerfile in " + root + " (set -Dproject.root)");
    }
    return root.toAbsolutePath().normalize();
  }

  static Path path(String relative) {
    return root().resolve(relative);
  }

  static String read(String relative) {
    try {
      return Files.readString(path(relative), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
