package io.shopflow.events;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which event types exist, their current versions and the upcasters that bring older versions up to date.
 * {@link PlatformEvents#catalog()} is the platform's own; tests build smaller ones.
 */
public final class EventCatalog {

    /** One event type: its record class, current version and the upcasters keyed by the version they read. */
    public record Entry(String name, int currentVersion, String aggregateType, Class<? extends DomainEvent> recordType,
                        Map<Integer, Upcaster> upcasters) {
    }

    private final Map<String, Entry> byName;
    private final Map<Class<?>, Entry> byRecord;

    private EventCatalog(Map<String, Entry> byName) {
        this.byName = Map.copyOf(byName);
        var records = new HashMap<Class<?>, Entry>();
        byName.values().forEach(entry -> records.put(entry.recordType(), entry));
        this.byRecord = Map.copyOf(records);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<Entry> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Entry of(DomainEvent event) {
        var entry = byRecord.get(event.getClass());
        if (entry == null) {
            throw new IllegalArgumentException(event.getClass().getName() + " is not registered in the event catalog");
        }
        return entry;
    }

    public Iterable<Entry> entries() {
        return byName.values();
    }

    public static final class Builder {
        private final Map<String, Class<? extends DomainEvent>> records = new LinkedHashMap<>();
        private final Map<String, Map<Integer, Upcaster>> upcasters = new HashMap<>();

        private Builder() {
        }

        public Builder event(Class<? extends DomainEvent> recordType) {
            var type = typeOf(recordType);
            if (records.putIfAbsent(type.name(), recordType) != null) {
                throw new IllegalArgumentException("Two records claim the event name " + type.name());
            }
            return this;
        }

        /** Registers the step from {@code fromVersion} to {@code fromVersion + 1} of the named event. */
        public Builder upcaster(String name, int fromVersion, Upcaster upcaster) {
            if (upcasters.computeIfAbsent(name, n -> new HashMap<>()).putIfAbsent(fromVersion, upcaster) != null) {
                throw new IllegalArgumentException("Two upcasters for " + VersionedType.format(name, fromVersion));
            }
            return this;
        }

        public EventCatalog build() {
            var entries = new LinkedHashMap<String, Entry>();
            records.forEach((name, recordType) -> {
                var type = typeOf(recordType);
                var steps = upcasters.getOrDefault(name, Map.of());
                steps.keySet().stream().filter(from -> from < 1 || from >= type.version()).findAny().ifPresent(from -> {
                    throw new IllegalArgumentException("Upcaster from " + VersionedType.format(name, from)
                            + " does not lead to a version below the current v" + type.version());
                });
                entries.put(name, new Entry(name, type.version(), type.aggregate(), recordType, Map.copyOf(steps)));
            });
            upcasters.keySet().stream().filter(name -> !records.containsKey(name)).findAny().ifPresent(name -> {
                throw new IllegalArgumentException("Upcasters registered for unknown event " + name);
            });
            return new EventCatalog(entries);
        }

        private static EventType typeOf(Class<? extends DomainEvent> recordType) {
            var type = recordType.getAnnotation(EventType.class);
            if (type == null || !recordType.isRecord()) {
                throw new IllegalArgumentException(recordType.getName() + " must be a record annotated with @EventType");
            }
            return type;
        }
    }
}
