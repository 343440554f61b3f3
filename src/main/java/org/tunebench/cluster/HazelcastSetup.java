package org.tunebench.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * The Hazelcast configuration both sides share (STACK.md, "Hazelcast (cluster mode)"): TCP-IP join with explicit
 * members only (no multicast, no auto-detection), no phone-home, bound to one interface, short heartbeats so a
 * dead agent is noticed in seconds, Jet off. The cluster name comes from the secret. All we send is sealed
 * {@code byte[]}, which Hazelcast reads with its own serializer; Java deserialization is allowed only for what
 * Hazelcast itself sends that way between members: the exceptions in its error responses (Hazelcast's own classes,
 * {@code java.lang} and {@code java.util.concurrent} exceptions and the few JDK classes a Throwable holds).
 * Refusing those too makes a failed remote operation hang until its timeout ({@code Cluster.shutdown()} did).
 */
final class HazelcastSetup {
  /** Java-deserializable JDK classes besides the allowed packages: what a serialized Throwable contains. */
  private static final String[] THROWABLE_PARTS = {"[Ljava.lang.StackTraceElement;", "java.util.ArrayList",
      "java.util.Collections$EmptyList", "java.util.Collections$UnmodifiableList",
      "java.util.Collections$UnmodifiableRandomAccessList", "java.util.Collections$UnmodifiableCollection",
      "java.util.UUID", "java.io.IOException", "java.io.UncheckedIOException", "java.io.EOFException"};
  static final String ROLE = "tunebench.role";
  static final String CPUS = "tunebench.cpus";
  static final String GPUS = "tunebench.gpus";
  static final String MEMORY = "tunebench.memoryMb";
  /**
   * A member's inbox topic id and its identity as driver or agent: random per process, stable across a
   * split-brain merge (the member UUID is not).
   */
  static final String INBOX = "tunebench.inbox";
  static final String AGENT = "agent";
  static final String DRIVER = "driver";
  static final String AGENT_TOPIC = "tunebench.agent.";
  static final String DRIVER_TOPIC = "tunebench.driver.";

  private HazelcastSetup() {}

  /**
   * @param clusterName the name derived from the cluster secret
   * @param bind the address to bind and announce (null: loopback)
   * @param port the port to listen on; {@code autoIncrement} lets several agents share one host
   * @param join the member to join, "host:port", or null for the first member (the driver)
   */
  static Config config(String clusterName, String instanceName, String bind, int port, boolean autoIncrement, String join,
      boolean lite, Map<String, String> attributes) {
    Config c = new Config();
    c.setInstanceName(instanceName);
    if (bind == null) bind = "127.0.0.1";
    c.setClusterName(clusterName);
    c.setLiteMember(lite);
    c.setProperty("hazelcast.phone.home.enabled", "false");
    c.setProperty("hazelcast.logging.type", "jdk");
    c.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    c.setProperty("hazelcast.max.no.heartbeat.seconds", "8");
    c.setProperty("hazelcast.heartbeat.failuredetector.type", "deadline");
    c.setProperty("hazelcast.wait.seconds.before.join", "0");
    c.setProperty("hazelcast.max.wait.seconds.before.join", "0");
    // an agent left alone when its driver ends finds the next driver on the same address within seconds
    c.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
    c.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
    c.setProperty("hazelcast.graceful.shutdown.max.wait", "5");
    c.setProperty("hazelcast.shutdownhook.policy", "TERMINATE");
    c.setProperty("hazelcast.socket.bind.any", "false");
    c.getJetConfig().setEnabled(false);
    c.getSerializationConfig().setJavaSerializationFilterConfig(new JavaSerializationFilterConfig()
        .setDefaultsDisabled(true)
        .setWhitelist(new com.hazelcast.config.ClassFilter().addPrefixes("com.hazelcast.")
            .addPackages("java.lang", "java.util.concurrent").addClasses(THROWABLE_PARTS)));
    attributes.forEach((k, v) -> c.getMemberAttributeConfig().setAttribute(k, v));

    NetworkConfig net = c.getNetworkConfig();
    net.setPort(port).setPortAutoIncrement(autoIncrement).setPortCount(100);
    net.getInterfaces().setEnabled(true).addInterface(bind);
    JoinConfig j = net.getJoin();
    j.getMulticastConfig().setEnabled(false);
    j.getAutoDetectionConfig().setEnabled(false);
    j.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(5);
    if (join != null) j.getTcpIpConfig().addMember(join);
    else j.getTcpIpConfig().addMember(bind + ":" + port);
    return c;
  }

  /**
   * A topic message's payload, or the exception Hazelcast threw reading it (a class the serialization filter
   * refuses): either way {@link ClusterSecret#open} takes only sealed {@code byte[]}.
   */
  static Object payload(com.hazelcast.topic.Message<Object> m) {
    try {
      return m.getMessageObject();
    } catch (RuntimeException e) {
      return e;
    }
  }

  /** The local address that routes to {@code host}: the interface an agent binds to. */
  static String localAddressTowards(String host, int port) {
    try (DatagramSocket s = new DatagramSocket()) {
      s.connect(new InetSocketAddress(InetAddress.getByName(host), port));
      InetAddress a = s.getLocalAddress();
      if (a == null || a.isAnyLocalAddress()) return null;
      return a.getHostAddress();
    } catch (Exception e) {
      return null;
    }
  }

  /** "host:port", split; the port is required. */
  static String[] hostPort(String s) {
    int i = s == null ? -1 : s.lastIndexOf(':');
    if (i <= 0 || i == s.length() - 1) throw new IllegalArgumentException("'" + s + "' is not HOST:PORT");
    String host = s.substring(0, i);
    String port = s.substring(i + 1);
    try {
      int p = Integer.parseInt(port);
      if (p < 1 || p > 65535) throw new NumberFormatException();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + s + "': the port must be a number from 1 to 65535");
    }
    return new String[] {host, port};
  }
}
