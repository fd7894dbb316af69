package io.shopflow.benchmarks;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;

/**
 * Adds up the time relay threads spend in each {@link RelayPhase}, by wrapping the DataSource and the producer
 * handed to {@code OutboxRelay} in timing proxies: the relay itself runs exactly as shipped. Several relays may
 * share one profiler; the totals are then relay-thread time summed over them.
 */
final class RelayProfiler {

    private static final Set<String> STATEMENT_EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate");

    /** What a proxy returns in place of a result: a JDBC object the relay gets is wrapped in turn. */
    private interface ResultWrapper {
        Object wrap(Method method, Object[] args, Object result);
    }

    private static final ResultWrapper AS_IS = (method, args, result) -> result;

    private final Map<RelayPhase, LongAdder> nanos = new EnumMap<>(RelayPhase.class);

    RelayProfiler() {
        for (var phase : RelayPhase.values()) {
            nanos.put(phase, new LongAdder());
        }
    }

    DataSource dataSource(DataSource target) {
        return proxy(DataSource.class, target,
                method -> method.getName().equals("getConnection") ? RelayPhase.CONNECT : null,
                (method, args, result) -> result instanceof Connection connection ? connection(connection) : result);
    }

    @SuppressWarnings("unchecked")
    Producer<String, byte[]> producer(Producer<String, byte[]> target) {
        // The relay sends a whole batch, then waits on each send's future until Kafka acknowledged the record.
        return proxy(Producer.class, target, method -> method.getName().equals("send") ? RelayPhase.SEND : null,
                (method, args, result) -> result instanceof Future<?> acknowledgement
                        ? proxy(Future.class, acknowledgement,
                                futureMethod -> futureMethod.getName().equals("get") ? RelayPhase.ACK_WAIT : null, AS_IS)
                        : result);
    }

    Map<RelayPhase, Duration> totals() {
        var totals = new EnumMap<RelayPhase, Duration>(RelayPhase.class);
        nanos.forEach((phase, sum) -> totals.put(phase, Duration.ofNanos(sum.sum())));
        return totals;
    }

    private Connection connection(Connection target) {
        return proxy(Connection.class, target, method -> switch (method.getName()) {
            case "close" -> RelayPhase.CONNECT;
            case "commit", "rollback" -> RelayPhase.COMMIT;
            default -> null;
        }, (method, args, result) -> result instanceof PreparedStatement statement
                ? statement(statement, RelayPhase.ofStatement((String) args[0])) : result);
    }

    private PreparedStatement statement(PreparedStatement target, RelayPhase phase) {
        return proxy(PreparedStatement.class, target,
                method -> STATEMENT_EXECUTIONS.contains(method.getName()) ? phase : null, AS_IS);
    }

    private <T> T proxy(Class<T> type, T target, Function<Method, RelayPhase> phaseOf, ResultWrapper wrapper) {
        InvocationHandler handler = (self, method, args) -> {
            RelayPhase phase = phaseOf.apply(method);
            long started = System.nanoTime();
            try {
                return wrapper.wrap(method, args, method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                if (phase != null) {
                    nanos.get(phase).add(System.nanoTime() - started);
                }
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, handler));
    }
}
