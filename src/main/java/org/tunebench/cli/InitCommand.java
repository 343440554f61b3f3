package org.tunebench.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.lang.model.SourceVersion;
import org.tunebench.app.BadInputException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tunebench init DIR}: a Maven project with a trainable, its unit test and a spec, ready to build and run. */
@Command(name = "init", mixinStandardHelpOptions = true,
    description = "Write a new trainable project (Maven) into DIR: a trainable, its unit test and a spec.")
final class InitCommand implements Runnable {
  /** The API version the project compiles against: the one this Tunebench offers. */
  static final String TUNEBENCH_VERSION = "0.1.0-SNAPSHOT";

  @Parameters(index = "0", paramLabel = "DIR", description = "new or empty folder for the project")
  Path dir;

  static final class Kind {
    @Option(names = "--function", description = "function API: train(config, session) reports each iteration")
    boolean function;
    @Option(names = "--class", description = "class API: setup, step, checkpoints (the default)")
    boolean clazz;
  }

  @ArgGroup(exclusive = true) Kind kind = new Kind();

  @Spec CommandSpec spec;

  @Override public void run() {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new BadInputException("init: " + dir + " is a file; give a new or empty folder");
    }
    if (Files.isDirectory(dir) && !isEmpty(dir)) {
      throw new BadInputException("init: " + dir + " is not empty; give a new or empty folder (nothing was written)");
    }
    String artifact = artifactId(dir);
    String className = kind.function ? "Train" : "Model";
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("@ARTIFACT@", artifact);
    vars.put("@PACKAGE@", "com.example." + packagePart(artifact));
    vars.put("@CLASS@", className);
    vars.put("@TUNEBENCH_VERSION@", TUNEBENCH_VERSION);
    Path src = Path.of("src", "main", "java").resolve(vars.get("@PACKAGE@").replace('.', '/'));
    Path test = Path.of("src", "test", "java").resolve(vars.get("@PACKAGE@").replace('.', '/'));
    String prefix = kind.function ? "Function" : "Class";
    try {
      write("pom.xml.txt", Path.of("pom.xml"), vars);
      write(prefix + ".java.txt", src.resolve(className + ".java"), vars);
      write(prefix + "Test.java.txt", test.resolve(className + "Test.java"), vars);
      write("spec.json.txt", Path.of(artifact + ".json"), vars);
      write("gitignore.txt", Path.of(".gitignore"), vars);
    } catch (IOException e) {
      throw new BadInputException("init: cannot write into " + dir + ": " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("Created " + (kind.function ? "a function-API" : "a class-API") + " trainable project in " + dir
        + ". Build and run it:");
    out.println("  cd " + shellWord(dir.toString()) + " && mvn package && " + Launcher.command() + " run " + artifact + ".json");
    out.flush();
  }

  private static boolean isEmpty(Path d) {
    try (Stream<Path> s = Files.list(d)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      throw new BadInputException("init: cannot read " + d + ": " + e.getMessage());
    }
  }

  /** The folder name as a Maven artifactId and Java package part: lower case letters, digits and dashes. */
  static String artifactId(Path d) {
    Path name = d.toAbsolutePath().normalize().getFileName();
    String s = name == null ? "" : name.toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
        .replaceAll("^-+|-+$", "");
    if (s.isEmpty() || !Character.isLetter(s.charAt(0))) s = "trainable" + (s.isEmpty() ? "" : "-" + s);
    return s;
  }

  /** The artifactId as one package name part: {@code package com.example.int;} does not compile, {@code int_} does. */
  static String packagePart(String artifact) {
    String s = artifact.replace("-", "");
    return SourceVersion.isKeyword(s) ? s + "_" : s;
  }

  /** {@code s} as one shell word, so the printed line can be pasted: single-quoted unless it needs no quotes. */
  static String shellWord(String s) {
    if (!s.isEmpty() && s.matches("[A-Za-z0-9_./:@%+=,-]+")) return s;
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private void write(String template, Path relative, Map<String, String> vars) throws IOException {
    String text;
    try (InputStream in = InitCommand.class.getResourceAsStream("init/" + template)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (Map.Entry<String, String> v : vars.entrySet()) text = text.replace(v.getKey(), v.getValue());
    Path target = dir.resolve(relative);
    Files.createDirectories(target.getParent());
    Files.writeString(target, text);
  }
}
