package bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.tunebench.api.Config;
import org.tunebench.api.Session;
import org.tunebench.api.TrainFunction;

/**
 * {@link Crashy} through the function API: {@code counter} comes back from the session's checkpoint, a
 * checkpoint goes with every {@code ckpt_every}-th report, and an iteration is appended to the ack log once
 * {@code report} returned (the driver took it, so it must be stored whatever happens next).
 */
public class CrashyFn implements TrainFunction {
  @Override public void train(Config config, Session session) throws Exception {
    long sleepMs = config.getLong("sleep_ms");
    int every = config.has("ckpt_every") ? config.getInt("ckpt_every") : 1;
    Path acks = Path.of(config.getString("ack_dir")).resolve("acks-" + config.getInt("tag") + ".log");
    int counter = 0;
    Optional<Path> from = session.checkpoint();
    if (from.isPresent()) counter = Integer.parseInt(Files.readString(from.get().resolve("counter")).trim());
    while (true) {
      counter++;
      Thread.sleep(sleepMs);
      Map<String, Object> m = new HashMap<>();
      m.put("counter", counter);
      m.put("score", (double) counter);
      if (counter % every == 0) {
        Path dir = Files.createDirectories(session.trialDir().resolve("fn-ckpt-" + counter));
        Files.writeString(dir.resolve("counter"), Integer.toString(counter));
        session.report(m, dir);
      } else {
        session.report(m);
      }
      Files.writeString(acks, counter + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
  }
}
