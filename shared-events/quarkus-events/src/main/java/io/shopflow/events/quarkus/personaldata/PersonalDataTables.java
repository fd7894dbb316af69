package io.shopflow.events.quarkus.personaldata;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads what this service keeps about a user from the tables {@code shopflow.personal-data.tables} names, one
 * statement over all of them. Table names come from configuration, never from a request; they are checked against
 * the database at start, so a misspelt or renamed table stops the service instead of leaving it out of exports.
 */
@ApplicationScoped
@IfBuildProperty(name = "shopflow.personal-data.holder", stringValue = "true")
public class PersonalDataTables {

    private static final Pattern TABLE_NAME = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Duration STARTUP_CHECK = Duration.ofSeconds(30);

    /** The rows found, at most {@code maxRecords}, and whether there were more. */
    public record Rows(List<Map<String, Object>> records, boolean truncated) {
    }

    private final Pool pool;
    private final List<String> tables;
    private final int maxRecords;
    private final String query;

    public PersonalDataTables(Pool pool, PersonalDataConfig config) {
        this.pool = pool;
        this.tables = config.tables().orElse(List.of());
        this.maxRecords = config.maxRecords();
        if (tables.isEmpty() || !tables.stream().allMatch(table -> TABLE_NAME.matcher(table).matches())) {
            throw new IllegalStateException("shopflow.personal-data.tables must list this service's tables with a"
                    + " user_id column, in lower case: " + tables);
        }
        // One row of JSON per table row, its table named in "kind"; LIMIT max + 1 tells a truncated answer.
        this.query = tables.stream()
                .map(table -> "SELECT to_jsonb(t) || jsonb_build_object('kind', '" + table + "') AS record FROM "
                        + table + " t WHERE t.user_id = $1")
                .collect(Collectors.joining(" UNION ALL ")) + " LIMIT $2";
    }

    void check(@Observes StartupEvent started) {
        var found = new HashSet<String>();
        pool.preparedQuery("""
                        SELECT table_name FROM information_schema.columns
                        WHERE table_schema = current_schema() AND column_name = 'user_id' AND table_name = ANY($1)""")
                .execute(Tuple.of(tables.toArray(String[]::new)))
                .await().atMost(STARTUP_CHECK)
                .forEach(row -> found.add(row.getString(0)));
        var missing = tables.stream().filter(table -> !found.contains(table)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("shopflow.personal-data.tables names tables without a user_id column: "
                    + missing);
        }
    }

    public Uni<Rows> of(String userId) {
        return pool.preparedQuery(query).execute(Tuple.of(userId, maxRecords + 1)).map(rows -> {
            var records = new ArrayList<Map<String, Object>>(Math.min(rows.size(), maxRecords));
            for (var row : rows) {
                if (records.size() == maxRecords) {
                    return new Rows(records, true);
                }
                records.add(((JsonObject) row.getValue("record")).getMap());
            }
            return new Rows(records, false);
        });
    }
}
