package io.shopflow.tidy.domain;

public record Thing(String name) {
}
