package org.tunebench.engine;

import com.fasterxml.jackson.databind.ObjectMapper;

/** One JSON mapper for configs the driver stores inside its own records (a PBT exploit's new config). */
final class ConfigJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private ConfigJson() {}
}
