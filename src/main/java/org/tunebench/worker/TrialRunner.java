package org.tunebench.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.tunebench.api.Config;
import org.tunebench.api.TrainFunction;
import org.tunebench.api.Trainable;
import org.tunebench.api.TrialInfo;
import org.tunebench.wire.ApiOnlyClassLoader;
import org.tunebench.wire.Channel;
import org.tunebench.wire.Msg;
import org.tunebench.wire.Values;

/** Runs one trial in this worker: loads the class, drives the class or function API, reports failures. */
final class TrialRunner {
  static final int MAX_MESSAGE_CHARS = 1_000;
  // a stack is stored whole up to here; well under the wire limit even when every character takes 3 bytes
  static final int MAX_STACK_CHARS = 1 << 20;
  private static final PrintStream ORIGINAL_OUT = System.out;
  private static final PrintStream ORIGINAL_ERR = System.err;
  // one loader per JAR for the worker's life: native libraries (XGBoost) load once per loader
  private final Map<Path, URLClassLoader> loaders = new HashMap<>();
  private final Channel channel;
  private final DriverLine line;

  TrialRunner(Channel channel, DriverLine line) {
    this.channel = channel;
    this.line = line;
  }

  void run(ObjectNode start) throws IOException {
    TrialContext ctx = new TrialContext(start, channel, line);
    PrintStream log = openLog(ctx.trialDir);
    System.setOut(log);
    System.setErr(log);
    // before the driver hears the trial ended (it may then end this worker at once), the capped log gets
    // its kept tail appended
    Runnable end = () -> {
      log.flush();
      System.setOut(ORIGINAL_OUT);
      System.setErr(ORIGINAL_ERR);
      log.close();
    };
    ctx.beforeLastMessage(end);
    String phase = "loading";
    publishInfo(start);
    Thread.currentThread().setContextClassLoader(null);
    try {
      Class<?> cls = loadClass(Path.of(start.path("jar").asText()), start.path("className").asText());
      Thread.currentThread().setContextClassLoader(cls.getClassLoader());
      Object instance = instantiate(cls);
      Config config = Config.of(Values.toMap(start.path("config")));
      phase = "running"; // user calls carry their own label; this names the worker's part between them
      if (instance instanceof Trainable t) {
        ctx.send(ctx.msg(Msg.STARTED).put("kind", "class"));
        new ClassApiLoop(ctx, t).run(config);
      } else if (instance instanceof TrainFunction f) {
        ctx.send(ctx.msg(Msg.STARTED).put("kind", "function"));
        new FunctionApiRun(ctx, f).run(config);
      } else {
        throw new IllegalArgumentException(cls.getName() + " implements neither org.tunebench.api.Trainable "
            + "nor org.tunebench.api.TrainFunction");
      }
    } catch (UserCodeException e) {
      fail(ctx, e.phase, e.getCause(), log);
    } catch (Throwable e) {
      fail(ctx, phase, e, log);
    } finally {
      end.run(); // again, for the paths that sent no last message; it is idempotent
      Thread.currentThread().setContextClassLoader(null);
    }
  }

  /** What {@code TrialInfo.current()} answers while this trial runs. */
  private static void publishInfo(ObjectNode start) {
    System.setProperty(TrialInfo.ID_PROPERTY, start.path("trialId").asText());
    System.setProperty(TrialInfo.DIR_PROPERTY, start.path("trialDir").asText());
    StringBuilder gpus = new StringBuilder();
    start.path("gpuIds").forEach(g -> gpus.append(gpus.length() == 0 ? "" : ",").append(g.asText()));
    System.setProperty(TrialInfo.GPUS_PROPERTY, gpus.toString());
  }

  /** After a failure the JVM may hold broken static state (or too little heap): the worker ends. */
  private void fail(TrialContext ctx, String phase, Throwable e, PrintStream log) {
    StringWriter stack = new StringWriter();
    e.printStackTrace(new PrintWriter(stack));
    log.println("[tunebench] trial failed in " + phase + ": " + e);
    log.print(stack);
    log.flush();
    String message = describe(e) + " (in " + phase + ")";
    try {
      ctx.sendLast(ctx.msg(Msg.ERROR).put("message", message)
          .put("stack", cap(stack.toString(), MAX_STACK_CHARS)).put("phase", phase));
    } catch (Throwable ignored) {
      // the driver also notices the exit
    }
    log.close();
    Descendants.halt(1);
  }

  /**
   * The one-line error the driver shows (stderr, tables, toasts): the exception's first line, cut to a readable
   * length; the whole text stays in the stored stack and in trial.log.
   */
  static String describe(Throwable e) {
    String m = e.getMessage();
    return e.getClass().getName() + (m == null || m.isBlank() ? "" : ": " + cap(m.lines().findFirst().orElse(""),
        MAX_MESSAGE_CHARS));
  }

  static String cap(String s, int max) {
    if (s.length() <= max) return s;
    return s.substring(0, max) + " [... " + (s.length() - max) + " more characters; full text in trial.log]";
  }

  private Class<?> loadClass(Path jar, String className) throws ClassNotFoundException {
    URLClassLoader loader = loaders.computeIfAbsent(jar, ApiOnlyClassLoader::forJar);
    try {
      return Class.forName(className, true, loader);
    } catch (ClassNotFoundException e) {
      throw new ClassNotFoundException("class " + className + " not found in " + jar);
    }
  }

  private static Object instantiate(Class<?> cls) throws UserCodeException {
    try {
      return cls.getDeclaredConstructor().newInstance();
    } catch (NoSuchMethodException e) {
      throw new UserCodeException("construction", new IllegalArgumentException(
          cls.getName() + " needs a public no-argument constructor"));
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw new UserCodeException("construction", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new UserCodeException("construction", e);
    }
  }

  private static PrintStream openLog(Path trialDir) throws IOException {
    org.tunebench.wire.PrivateFiles.directory(trialDir);
    return new PrintStream(new CappedLog(trialDir.resolve("trial.log"), CappedLog.HEAD_BYTES, CappedLog.TAIL_BYTES),
        true, "UTF-8");
  }

  static JsonNode field(ObjectNode msg, String name) {
    JsonNode n = msg.get(name);
    return n == null || n.isNull() ? null : n;
  }
}
