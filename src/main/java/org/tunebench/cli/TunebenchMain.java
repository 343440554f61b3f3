package org.tunebench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.tunebench.app.BadInputException;
import org.tunebench.engine.TrainableJarException;
import org.tunebench.model.SpecException;
import org.tunebench.store.TunebenchHome;
import org.tunebench.wire.PrivateFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar tunebench.jar ...}. Exit codes (contract section 4): 0 every trial TERMINATED, 1 some
 * ERRORED, 2 bad input (one line, no stack trace), 3 internal fault (stack trace to the log file).
 * Not a JavaFX Application subclass, so the shaded jar starts without the module path.
 */
@Command(name = "tunebench", mixinStandardHelpOptions = true, version = "tunebench 0.1.0-SNAPSHOT",
    description = "Hyperparameter tuning workbench: run, resume and inspect experiments.",
    subcommands = {GuiCommand.class, RunCommand.class, ResumeCommand.class, PauseCommand.class, StopCommand.class,
        ListCommand.class, ShowCommand.class, InspectCommand.class, AgentCommand.class, ReportCommand.class,
        InitCommand.class})
public final class TunebenchMain implements Runnable {
  public static final int OK = 0;
  public static final int ERRORED_TRIALS = 1;
  public static final int BAD_INPUT = 2;
  public static final int INTERNAL = 3;

  public static void main(String[] args) {
    int code = execute(args);
    SignalExit.commandEnded(); // after the command closed its database: a signal's exit may go ahead
    System.exit(code);
  }

  /** Runs a command line and returns its exit code (tests call this). */
  public static int execute(String... args) {
    return execute(null, null, args);
  }

  /** As {@link #execute(String...)}, writing to {@code out} and {@code err} instead of the console. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    Path log = setUpLogging();
    CommandLine cl = new CommandLine(new TunebenchMain());
    if (out != null) cl.setOut(out);
    if (err != null) cl.setErr(err);
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> handle(e, cmd.getErr(), log));
    cl.setParameterExceptionHandler((e, a) -> {
      e.getCommandLine().getErr().println("tunebench: " + e.getMessage() + " (see: "
          + e.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
      return BAD_INPUT;
    });
    return cl.execute(args);
  }

  static int handle(Exception e, PrintWriter err, Path log) {
    String bad = badInputMessage(e);
    if (bad != null) {
      err.println("tunebench: " + bad);
      return BAD_INPUT;
    }
    Logger.getLogger("org.tunebench").log(Level.SEVERE, "internal fault", e);
    if (e instanceof RunSupport.StoreLostException || e instanceof org.tunebench.store.DatabaseBusyException) {
      err.println("tunebench: " + e.getMessage() + " (details in " + log + ")");
    } else {
      err.println("tunebench: internal error: " + e + " (details in " + log + ")");
    }
    return INTERNAL;
  }

  static String badInputMessage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SpecException || t instanceof TrainableJarException || t instanceof BadInputException) {
        return t.getMessage();
      }
    }
    return null;
  }

  /** Log records go to a file, never to the terminal: users see one-line messages. */
  private static Path setUpLogging() {
    Path log = TunebenchHome.dir().resolve("tunebench.log");
    LogManager.getLogManager().reset();
    Logger root = Logger.getLogger("");
    try {
      TunebenchHome.privateDir();
      FileHandler h = openLog(log);
      h.setFormatter(new SimpleFormatter());
      // a log file that cannot be written (disk full) must not spill stack traces on the terminal
      h.setErrorManager(new java.util.logging.ErrorManager() {
        @Override public synchronized void error(String msg, Exception ex, int code) {
        }
      });
      root.addHandler(h);
      root.setLevel(Level.INFO);
    } catch (IOException e) {
      root.setLevel(Level.OFF);
    }
    return log;
  }

  /**
   * The log's handler, every file of it 0600. While another process holds the log, the handler writes
   * {@code tunebench.log.1} instead, and it makes lock files next to them, all under the umask: so every
   * {@code tunebench.log*} is restricted after opening, not only the name asked for.
   */
  static FileHandler openLog(Path log) throws IOException {
    FileHandler h = new FileHandler(log.toString(), 5_000_000, 1, true);
    try (var files = java.nio.file.Files.newDirectoryStream(log.toAbsolutePath().getParent(), log.getFileName() + "*")) {
      for (Path f : files) PrivateFiles.restrict(f);
    }
    return h;
  }

  @Override public void run() {
    new GuiCommand().run();
  }
}
