package org.tunebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** A bad argument points at the help of the command it was given to, named as the user types it. */
class UsageMessageTest {
  private static String err(String... args) {
    StringWriter err = new StringWriter();
    assertEquals(2, TunebenchMain.execute(new PrintWriter(new StringWriter()), new PrintWriter(err, true), args));
    return err.toString().strip();
  }

  @Test void topLevel() {
    assertEquals("tunebench: Unknown option: '--nope' (see: tunebench --help)", err("--nope"));
  }

  @Test void subcommand() {
    assertEquals("tunebench: Unknown option: '--nope' (see: tunebench list --help)", err("list", "--nope"));
  }
}
