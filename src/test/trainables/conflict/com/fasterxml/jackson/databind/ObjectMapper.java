package com.fasterxml.jackson.databind;

/** A bundled "Jackson" that clashes with the one Tunebench itself ships; only the trainable may see it. */
public class ObjectMapper {
  public static final String ORIGIN = "bundled-with-trainable";
}
