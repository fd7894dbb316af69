package io.shopflow.benchmarks;

import java.util.List;

/**
 * A goal a report holds the run to, what the run measured against it, and whether that meets it.
 *
 * @param met null when this run cannot judge it ({@code measured} then says why)
 */
record Target(String goal, String measured, Boolean met) {

    static Target judged(String goal, String measured, boolean met) {
        return new Target(goal, measured, met);
    }

    static Target notJudged(String goal, String why) {
        return new Target(goal, why, null);
    }

    /** The targets as a Markdown table. */
    static String table(List<Target> targets) {
        var md = new StringBuilder("| target | measured | met |\n|---|---|---|\n");
        targets.forEach(target -> md.append("| ").append(target.goal()).append(" | ").append(target.measured())
                .append(" | ").append(target.verdict()).append(" |\n"));
        return md.toString();
    }

    String verdict() {
        return met == null ? "not judged" : met ? "yes" : "**no**";
    }
}
