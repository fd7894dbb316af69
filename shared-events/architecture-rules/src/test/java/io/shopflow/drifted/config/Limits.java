package io.shopflow.drifted.config;

/** A class, not a mapping interface, in config. */
public class Limits {
}
