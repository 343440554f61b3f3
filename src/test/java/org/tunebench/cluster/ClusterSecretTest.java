package org.tunebench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.wire.Wire;

/** Signed envelopes (HMAC, sender, replays) and the folder transfer, without a cluster. */
class ClusterSecretTest {
  static final String S = "0123456789abcdef-secret";

  private static ObjectNode task() {
    return Wire.JSON.createObjectNode().put("op", "launch").put("trialId", "00001");
  }

  @Test void aSealedMessageOpensOnceAndOnlyWithTheSameSecretAndSender() throws Exception {
    ClusterSecret driver = new ClusterSecret(S);
    ClusterSecret agent = new ClusterSecret(S);
    String env = driver.seal("d1", task());
    assertEquals("00001", agent.open(env, "d1").path("trialId").asText());
    assertTrue(assertThrows(ClusterSecret.Refused.class, () -> agent.open(env, "d1")).getMessage().contains("replayed"));
    String other = driver.seal("d1", task());
    assertTrue(assertThrows(ClusterSecret.Refused.class, () -> new ClusterSecret(S + "x").open(other, "d1"))
        .getMessage().contains("wrong signature"));
    assertTrue(assertThrows(ClusterSecret.Refused.class, () -> new ClusterSecret(S).open(other, "d2"))
        .getMessage().contains("not the publisher"));
    String tampered = other.replace("00001", "00002");
    assertTrue(assertThrows(ClusterSecret.Refused.class, () -> new ClusterSecret(S).open(tampered, "d1"))
        .getMessage().contains("wrong signature"));
    assertTrue(assertThrows(ClusterSecret.Refused.class, () -> agent.open("{\"body\":\"{}\"}", "d1"))
        .getMessage().contains("unsigned"));
  }

  @Test void aMissingOrShortSecretIsOneClearLine() {
    String missing = assertThrows(IllegalArgumentException.class, () -> new ClusterSecret(null)).getMessage();
    assertTrue(missing.startsWith("TUNEBENCH_CLUSTER_SECRET is not set"), missing);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new ClusterSecret("short")).getMessage()
        .contains("at least 16"));
  }

  @Test void foldersRoundTripAndZipEntriesMayNotLeaveTheirFolder(@TempDir Path tmp) throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src/sub"));
    Files.writeString(src.resolve("a.txt"), "hello");
    Path dst = tmp.resolve("dst");
    DirZip.unpack(DirZip.pack(tmp.resolve("src")), dst);
    assertEquals("hello", Files.readString(dst.resolve("sub/a.txt")));
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(b)) {
      z.putNextEntry(new ZipEntry("../evil.txt"));
      z.write(1);
      z.closeEntry();
    }
    String evil = Base64.getEncoder().encodeToString(b.toByteArray());
    assertThrows(java.io.IOException.class, () -> DirZip.unpack(evil, tmp.resolve("x")));
    assertTrue(Files.notExists(tmp.resolve("evil.txt")));
  }
}
