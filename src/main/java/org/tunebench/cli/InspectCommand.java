package org.tunebench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.tunebench.engine.TrainableCatalog;
import org.tunebench.engine.TrainableInfo;
import org.tunebench.engine.TrainableJarException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "inspect", mixinStandardHelpOptions = true, description = "List the trainables a JAR offers.")
final class InspectCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "JAR", description = "a trainable JAR (shaded, with its dependencies)") Path jar;

  @Spec picocli.CommandLine.Model.CommandSpec cmd;

  @Override public Integer call() {
    List<TrainableInfo> found = TrainableCatalog.inspect(jar.toAbsolutePath());
    if (found.isEmpty()) {
      throw new TrainableJarException(jar.getFileName() + " offers no trainables: name them in the manifest"
          + " attribute Tunebench-Trainables or in META-INF/services/org.tunebench.api.Trainable (or .TrainFunction)");
    }
    var out = cmd.commandLine().getOut();
    for (TrainableInfo t : found) {
      out.printf("%s\t%s API\t(%s)%n", t.className(), t.api(), t.declaredIn());
    }
    out.flush();
    return TunebenchMain.OK;
  }
}
