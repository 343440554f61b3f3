package bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.tunebench.api.Config;
import org.tunebench.api.Trainable;

/**
 * The torture harness's trainable. {@code counter} lives in its checkpoint, so a restore that lost state
 * shows as a result whose counter differs from its {@code training_iteration}. Each step first appends the
 * previous iteration to {@code ack_dir/acks-TAG.log} ({@code tag} is unique per trial): the driver let this
 * step run, so it had acknowledged that result, which must then be in the database whatever happens next.
 */
public class Crashy implements Trainable {
  private long sleepMs;
  private int counter;
  private Path acks;

  @Override public void setup(Config config) {
    sleepMs = config.getLong("sleep_ms");
    acks = Path.of(config.getString("ack_dir")).resolve("acks-" + config.getInt("tag") + ".log");
  }

  @Override public Map<String, Object> step() throws Exception {
    if (counter > 0) {
      Files.writeString(acks, counter + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
    counter++;
    Thread.sleep(sleepMs);
    Map<String, Object> m = new HashMap<>();
    m.put("counter", counter);
    m.put("score", (double) counter);
    return m;
  }

  @Override public void saveCheckpoint(Path dir) throws IOException {
    Files.writeString(dir.resolve("counter"), Integer.toString(counter));
  }

  @Override public void loadCheckpoint(Path dir) throws IOException {
    counter = Integer.parseInt(Files.readString(dir.resolve("counter")).trim());
  }
}
