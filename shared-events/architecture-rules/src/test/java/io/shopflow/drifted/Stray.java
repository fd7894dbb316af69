package io.shopflow.drifted;

/** At the root: in no package of the template. */
public class Stray {
}
