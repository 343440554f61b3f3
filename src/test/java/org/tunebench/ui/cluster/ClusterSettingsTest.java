package org.tunebench.ui.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.app.BadInputException;
import org.tunebench.app.ExperimentLauncher;
import org.tunebench.engine.DriverOptions;
import org.tunebench.engine.ResourcePool;
import org.tunebench.store.ExperimentStore;

/** The cluster option's checks: each wrong field is refused in one line naming it and what is allowed. */
class ClusterSettingsTest {
  @TempDir Path tmp;

  private static String refusal(ClusterSettings s) {
    String m = assertThrows(BadInputException.class, s::executors).getMessage();
    assertEquals(1, m.lines().count(), m);
    return m;
  }

  @Test void offMeansTheLocalLauncher() {
    try (ExperimentStore store = ExperimentStore.open(tmp.resolve("db.mv.db"))) {
      ExperimentLauncher local = new ExperimentLauncher(store, new ResourcePool(1, 0, 1024), DriverOptions.defaults());
      assertSame(local, new ClusterSettings(() -> null).launcher(store, DriverOptions.defaults(), local));
    }
  }

  @Test void badPortsAndWaitsAreRefused() {
    ClusterSettings s = new ClusterSettings(() -> "a-long-enough-secret-0123");
    s.enabled.set(true);
    s.port.set("0");
    assertTrue(refusal(s).contains("cluster port '0': must be a whole number from 1 to 65535"));
    s.port.set("x");
    assertTrue(refusal(s).contains("cluster port 'x'"));
    s.port.set("47000");
    s.waitS.set("-1");
    assertTrue(refusal(s).contains("cluster agent wait (s) '-1'"));
  }

  @Test void aMissingOrShortSecretIsRefusedAndSaysWhereItComesFrom() {
    ClusterSettings s = new ClusterSettings(() -> null);
    s.enabled.set(true);
    String m = refusal(s);
    assertTrue(m.contains("TUNEBENCH_CLUSTER_SECRET is not set") && m.contains("or name a secret file"), m);
    s = new ClusterSettings(() -> "short");
    assertTrue(refusal(s).contains("too short"));
  }

  @Test void aSecretFileOthersCanReadOrThatIsTooShortIsRefused() throws Exception {
    ClusterSettings s = new ClusterSettings(() -> null);
    Path f = tmp.resolve("secret");
    Files.writeString(f, "a-long-enough-secret-0123\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
    s.secretFile.set(f.toString());
    String m = refusal(s);
    assertTrue(m.contains("readable by other users") && m.contains("chmod 600"), m);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    s.executors();
    Files.writeString(f, "short\n");
    assertTrue(refusal(s).contains("at least 16 characters on its first line"));
    s.secretFile.set(tmp.resolve("missing").toString());
    assertTrue(refusal(s).contains("cannot read the cluster secret file"));
  }
}
