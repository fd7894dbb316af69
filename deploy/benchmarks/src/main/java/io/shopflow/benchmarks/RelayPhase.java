package io.shopflow.benchmarks;

/** Where a relay thread spends its time, as seen from its JDBC connections and its Kafka producer. */
enum RelayPhase {
    CONNECT("open/close a JDBC connection"),
    CLAIM("claim a lane (SELECT ... FOR UPDATE SKIP LOCKED)"),
    TAKE("take the lane's rows (DELETE ... RETURNING)"),
    SEND("hand records to the producer (send)"),
    ACK_WAIT("wait for Kafka acks"),
    COMMIT("commit / rollback"),
    OTHER_SQL("other SQL (backlog gauge)");

    private final String description;

    RelayPhase(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    /**
     * Recognises the relay's statements by their text. The relay's SQL is private to the library, so this is
     * the only way in without changing it; a phase that stops matching shows up as a larger OTHER_SQL share.
     */
    static RelayPhase ofStatement(String sql) {
        if (sql.contains("FROM outbox_lane")) {
            return CLAIM;
        }
        if (sql.startsWith("DELETE FROM outbox")) {
            return TAKE;
        }
        return OTHER_SQL;
    }
}
