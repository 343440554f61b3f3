package org.tunebench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.wire.Wire;

/** Sealed envelopes (AES-GCM, roles, sender, replays) and the folder transfer, without a cluster. */
class ClusterSecretTest {
  static final String S = "0123456789abcdef-secret";

  private static ObjectNode task() {
    return Wire.JSON.createObjectNode().put("op", "launch").put("trialId", "00001");
  }

  private static String refusal(ClusterSecret s, Object payload, ClusterSecret.Role from) {
    return assertThrows(ClusterSecret.Refused.class, () -> s.open(payload, from)).getMessage();
  }

  @Test void aSealedMessageOpensOnceOnlyWithTheSameSecretAndRoleAndNamesItsSender() throws Exception {
    ClusterSecret driver = new ClusterSecret(S);
    ClusterSecret agent = new ClusterSecret(S);
    UUID d1 = UUID.randomUUID();
    byte[] env = driver.seal(ClusterSecret.Role.DRIVER, d1, task());
    ClusterSecret.Opened o = agent.open(env, ClusterSecret.Role.DRIVER);
    assertEquals("00001", o.body().path("trialId").asText());
    assertEquals(d1, o.sender());
    assertTrue(refusal(agent, env, ClusterSecret.Role.DRIVER).contains("replayed"));
    byte[] other = driver.seal(ClusterSecret.Role.DRIVER, d1, task());
    assertTrue(refusal(new ClusterSecret(S + "x"), other, ClusterSecret.Role.DRIVER).contains("cannot decrypt"));
    // an agent's key does not open a driver's message, nor a driver's message pass as an agent's
    assertTrue(refusal(new ClusterSecret(S), other, ClusterSecret.Role.AGENT).contains("wrong role"));
    byte[] asAgent = other.clone();
    asAgent[1] = (byte) ClusterSecret.Role.AGENT.ordinal();
    assertTrue(refusal(new ClusterSecret(S), asAgent, ClusterSecret.Role.AGENT).contains("cannot decrypt"));
    // any changed byte, in the header (sender, sequence) or the ciphertext, is refused
    for (int i : new int[] {5, 20, 40, other.length - 1}) {
      byte[] t = other.clone();
      t[i] ^= 1;
      assertTrue(refusal(new ClusterSecret(S), t, ClusterSecret.Role.DRIVER).contains("cannot decrypt"), "byte " + i);
    }
    assertTrue(refusal(agent, "{\"op\":\"launch\"}", ClusterSecret.Role.DRIVER).contains("java.lang.String"));
    assertTrue(refusal(agent, new byte[] {1, 2, 3}, ClusterSecret.Role.DRIVER).contains("not a cluster message"));
    assertTrue(refusal(agent, null, ClusterSecret.Role.DRIVER).contains("not a cluster message"));
  }

  /** Sealed on several threads, sent by several topics: a sender's messages may arrive out of order, each once. */
  @Test void messagesOutOfOrderAreTakenOnceAndOnlyWithinTheWindow() throws Exception {
    ClusterSecret driver = new ClusterSecret(S);
    ClusterSecret agent = new ClusterSecret(S);
    UUID d = UUID.randomUUID();
    byte[] first = driver.seal(ClusterSecret.Role.DRIVER, d, task());
    byte[] second = driver.seal(ClusterSecret.Role.DRIVER, d, task());
    agent.open(second, ClusterSecret.Role.DRIVER);
    agent.open(first, ClusterSecret.Role.DRIVER); // was refused as a replay, and its trial hung
    assertTrue(refusal(agent, first, ClusterSecret.Role.DRIVER).contains("replayed"));
    assertTrue(refusal(agent, second, ClusterSecret.Role.DRIVER).contains("replayed"));
    byte[] old = driver.seal(ClusterSecret.Role.DRIVER, d, task());
    for (int i = 0; i < ClusterSecret.REPLAY_WINDOW; i++) agent.open(driver.seal(ClusterSecret.Role.DRIVER, d, task()), ClusterSecret.Role.DRIVER);
    assertTrue(refusal(agent, old, ClusterSecret.Role.DRIVER).contains("replayed"), "older than the window");
  }

  @Test void theCiphertextShowsNothingOfTheBodyAndTheClusterNameComesFromTheSecret() {
    ClusterSecret a = new ClusterSecret(S);
    byte[] env = a.seal(ClusterSecret.Role.DRIVER, UUID.randomUUID(), task().put("className", "secret.Model"));
    assertFalse(new String(env, StandardCharsets.ISO_8859_1).contains("secret.Model"));
    assertFalse(new String(env, StandardCharsets.ISO_8859_1).contains("launch"));
    assertEquals(a.clusterName(), new ClusterSecret(S).clusterName());
    assertNotEquals(a.clusterName(), new ClusterSecret(S + "x").clusterName());
    assertTrue(a.clusterName().matches("tunebench-[0-9a-f]{32}"), a.clusterName());
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
    DirZip.unpack(DirZip.pack(tmp.resolve("src"), tmp.resolve("zips")), dst);
    assertEquals("hello", Files.readString(dst.resolve("sub/a.txt")));
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(b)) {
      z.putNextEntry(new ZipEntry("../evil.txt"));
      z.write(1);
      z.closeEntry();
    }
    Path evil = Files.write(tmp.resolve("evil.zip"), b.toByteArray());
    assertThrows(java.io.IOException.class, () -> DirZip.unpack(evil, tmp.resolve("x")));
    assertTrue(Files.notExists(tmp.resolve("evil.txt")));
  }
}
