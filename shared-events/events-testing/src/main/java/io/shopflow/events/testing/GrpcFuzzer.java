package io.shopflow.events.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A fuzzing pass over one service's gRPC API, for that service's own tests. Every method is called, from a seed,
 * with requests that are valid but for one broken thing (a field's value, a repeated field's size, unknown fields
 * added), with random messages, with bytes that are no message at all and with oversized ones; each answer must be a
 * clear status (OK or a refusal the caller can act on, never UNKNOWN or INTERNAL) whose description shows nothing
 * of the inside ({@link HostileInput#LEAK}). The calls are raw bytes through the method's real path, so the
 * server's own parsing is under test too. The {@link Report} counts what each method accepted, so the test can
 * check that nothing else was written.
 */
public final class GrpcFuzzer {

    /** {@code -Dshopflow.fuzz.grpc-cases} and {@code -Dshopflow.fuzz.seed}, as for the public API's fuzz suite. */
    public static final int CASES = Integer.getInteger("shopflow.fuzz.grpc-cases", 600);
    public static final long SEED = Long.getLong("shopflow.fuzz.seed", System.nanoTime());

    private static final Set<Status.Code> CLEAR_REFUSALS = EnumSet.of(Status.Code.INVALID_ARGUMENT,
            Status.Code.NOT_FOUND, Status.Code.ALREADY_EXISTS, Status.Code.FAILED_PRECONDITION,
            Status.Code.RESOURCE_EXHAUSTED, Status.Code.OUT_OF_RANGE);
    private static final long DEADLINE_SECONDS = 10;
    /** A watch of an order that goes on is cut off after this; being cut off is then no fault. */
    private static final long STREAM_DEADLINE_SECONDS = 2;
    /** Over gRPC's default limit of 4 MiB per message. */
    private static final int OVERSIZED = 5 * 1024 * 1024;
    private static final List<Integer> REPEATED_COUNTS = List.of(0, 1, 2, 3, 100, 501, 1001, 20_000);
    private static final List<Integer> INTS = List.of(0, -1, 1, Integer.MAX_VALUE, Integer.MIN_VALUE);
    private static final List<Long> LONGS = List.of(0L, -1L, 1L, Long.MAX_VALUE, Long.MIN_VALUE);
    private static final int MAX_DEPTH = 3;
    /** What a protobuf string can carry: a lone surrogate is no UTF-8, and the client library would replace it. */
    private static final List<String> STRINGS = HostileInput.STRINGS.stream()
            .filter(text -> StandardCharsets.UTF_8.newEncoder().canEncode(text)).toList();
    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    /** One call: the method, what was broken, the request's bytes. */
    record BadCall(MethodDescriptor<?, ?> method, String kind, byte[] request) {
    }

    private final Random random;
    private final Channel channel;
    private final List<MethodDescriptor<?, ?>> methods;
    private final Map<String, Message> validRequests;

    /**
     * @param validRequests a valid request for every method of {@code service}, by bare method name ("GetUser")
     */
    public GrpcFuzzer(long seed, Channel channel, ServiceDescriptor service, Map<String, Message> validRequests) {
        this.random = new Random(seed);
        this.channel = channel;
        this.methods = List.copyOf(service.getMethods());
        this.validRequests = validRequests;
        methods.forEach(method -> {
            if (!validRequests.containsKey(method.getBareMethodName())) {
                throw new IllegalArgumentException("No valid request for " + method.getFullMethodName());
            }
        });
    }

    public Report run(int cases) {
        var report = new Report();
        for (int n = 0; n < cases; n++) {
            BadCall call = next();
            report.add(call, send(call));
        }
        return report;
    }

    private BadCall next() {
        var method = methods.get(random.nextInt(methods.size()));
        Message valid = validRequests.get(method.getBareMethodName());
        return switch (random.nextInt(10)) {
            case 0, 1, 2, 3 -> new BadCall(method, "field value", brokenField(valid));
            case 4 -> new BadCall(method, "repeated field size", resizedRepeated(valid));
            case 5 -> new BadCall(method, "random message", randomMessage(valid.getDescriptorForType(), 0).toByteArray());
            case 6 -> new BadCall(method, "unknown fields", withUnknownFields(valid.toByteArray()));
            case 7, 8 -> new BadCall(method, "not protobuf", malformed(valid.toByteArray()));
            default -> new BadCall(method, "oversized", oversized(valid));
        };
    }

    private Status send(BadCall call) {
        var raw = MethodDescriptor.newBuilder(BYTES, BYTES).setType(call.method().getType())
                .setFullMethodName(call.method().getFullMethodName()).build();
        try {
            if (raw.getType() == MethodType.SERVER_STREAMING) {
                var options = CallOptions.DEFAULT.withDeadlineAfter(STREAM_DEADLINE_SECONDS, TimeUnit.SECONDS);
                ClientCalls.blockingServerStreamingCall(channel, raw, options, call.request()).forEachRemaining(m -> { });
            } else {
                var options = CallOptions.DEFAULT.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
                ClientCalls.blockingUnaryCall(channel, raw, options, call.request());
            }
            return Status.OK;
        } catch (StatusRuntimeException answered) {
            return answered.getStatus();
        }
    }

    /** One field, at any depth, set to a hostile value of its type. */
    private byte[] brokenField(Message valid) {
        Message.Builder builder = valid.toBuilder();
        breakOneField(builder, 0);
        return builder.build().toByteArray();
    }

    private void breakOneField(Message.Builder builder, int depth) {
        List<FieldDescriptor> fields = builder.getDescriptorForType().getFields();
        FieldDescriptor field = fields.get(random.nextInt(fields.size()));
        boolean message = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
        if (message && field.isRepeated() && builder.getRepeatedFieldCount(field) > 0 && depth < MAX_DEPTH) {
            breakOneField(builder.getRepeatedFieldBuilder(field, random.nextInt(builder.getRepeatedFieldCount(field))),
                    depth + 1);
        } else if (message && !field.isRepeated() && depth < MAX_DEPTH) {
            breakOneField(builder.getFieldBuilder(field), depth + 1);
        } else if (field.isRepeated() && !message) {
            builder.addRepeatedField(field, hostileValue(field));
        } else if (!message) {
            builder.setField(field, hostileValue(field));
        } else {
            builder.clearField(field);
        }
    }

    /** A repeated field emptied or filled with many copies of its valid element: batch limits at work. */
    private byte[] resizedRepeated(Message valid) {
        Message.Builder builder = valid.toBuilder();
        var repeated = builder.getDescriptorForType().getFields().stream().filter(FieldDescriptor::isRepeated).toList();
        if (repeated.isEmpty()) {
            return brokenField(valid);
        }
        FieldDescriptor field = repeated.get(random.nextInt(repeated.size()));
        Object element = builder.getRepeatedFieldCount(field) > 0 ? builder.getRepeatedField(field, 0)
                : hostileValue(field);
        builder.clearField(field);
        int count = REPEATED_COUNTS.get(random.nextInt(REPEATED_COUNTS.size()));
        for (int i = 0; i < count; i++) {
            builder.addRepeatedField(field, random.nextInt(4) == 0 ? hostileValue(field) : element);
        }
        return builder.build().toByteArray();
    }

    private Message randomMessage(Descriptor type, int depth) {
        var builder = DynamicMessage.newBuilder(type);
        for (FieldDescriptor field : type.getFields()) {
            if (random.nextBoolean()) {
                continue;
            }
            int count = field.isRepeated() ? random.nextInt(4) : 1;
            for (int i = 0; i < count; i++) {
                Object value = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                        ? (depth < MAX_DEPTH ? randomMessage(field.getMessageType(), depth + 1)
                        : DynamicMessage.getDefaultInstance(field.getMessageType()))
                        : hostileValue(field);
                if (field.isRepeated()) {
                    builder.addRepeatedField(field, value);
                } else {
                    builder.setField(field, value);
                }
            }
        }
        return builder.build();
    }

    private Object hostileValue(FieldDescriptor field) {
        return switch (field.getJavaType()) {
            case STRING -> random.nextInt(5) == 0 ? UUID.randomUUID().toString()
                    : STRINGS.get(random.nextInt(STRINGS.size()));
            case INT -> INTS.get(random.nextInt(INTS.size()));
            case LONG -> LONGS.get(random.nextInt(LONGS.size()));
            case BOOLEAN -> random.nextBoolean();
            case FLOAT -> Float.NaN;
            case DOUBLE -> Double.NEGATIVE_INFINITY;
            case BYTE_STRING -> ByteString.copyFrom(randomBytes(random.nextInt(64)));
            case ENUM -> field.getEnumType().getValues().get(random.nextInt(field.getEnumType().getValues().size()));
            case MESSAGE -> DynamicMessage.getDefaultInstance(field.getMessageType());
        };
    }

    /** The valid request with fields no version of the contract has, of every wire type: proto3 ignores them. */
    private byte[] withUnknownFields(byte[] valid) {
        var bytes = new ByteArrayOutputStream();
        var out = CodedOutputStream.newInstance(bytes);
        try {
            out.writeRawBytes(valid);
            int field = 1000 + random.nextInt(1000);
            out.writeInt64(field, random.nextLong());
            out.writeFixed32(field + 1, random.nextInt());
            out.writeFixed64(field + 2, random.nextLong());
            out.writeByteArray(field + 3, randomBytes(random.nextInt(32)));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Random bytes, a valid request cut short, a length running past the end, a varint that never ends. */
    private byte[] malformed(byte[] valid) {
        return switch (random.nextInt(4)) {
            case 0 -> randomBytes(1 + random.nextInt(64));
            case 1 -> valid.length > 1 ? Arrays.copyOf(valid, valid.length - 1 - random.nextInt(valid.length - 1))
                    : new byte[] {0x0A};
            case 2 -> new byte[] {0x0A, 0x7F, 'a'};
            default -> new byte[] {0x08, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                    (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        };
    }

    /** A string field of the request set to more than a message may carry. */
    private byte[] oversized(Message valid) {
        Message.Builder builder = valid.toBuilder();
        var strings = builder.getDescriptorForType().getFields().stream()
                .filter(field -> field.getJavaType() == FieldDescriptor.JavaType.STRING).toList();
        if (strings.isEmpty()) {
            return randomBytes(OVERSIZED);
        }
        FieldDescriptor field = strings.get(random.nextInt(strings.size()));
        String huge = "x".repeat(OVERSIZED);
        if (field.isRepeated()) {
            builder.addRepeatedField(field, huge);
        } else {
            builder.setField(field, huge);
        }
        return builder.build().toByteArray();
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** What the answers were, what each method accepted, and every answer that broke the rules. */
    public static final class Report {

        private final Map<String, Integer> byKind = new TreeMap<>();
        private final Map<Status.Code, Integer> byCode = new EnumMap<>(Status.Code.class);
        private final Map<String, Integer> acceptedByMethod = new TreeMap<>();
        private final List<String> problems = new ArrayList<>();
        private int calls;

        void add(BadCall call, Status answer) {
            calls++;
            byKind.merge(call.kind(), 1, Integer::sum);
            byCode.merge(answer.getCode(), 1, Integer::sum);
            String method = call.method().getBareMethodName();
            if (answer.isOk()) {
                acceptedByMethod.merge(method, 1, Integer::sum);
            }
            String description = answer.getDescription() == null ? "" : answer.getDescription();
            String what = call.kind() + " on " + method + " (" + call.request().length + " bytes) -> "
                    + answer.getCode() + ": " + HostileInput.abbreviated(description);
            if (!clear(call, answer)) {
                problems.add(what);
            }
            var leak = HostileInput.LEAK.matcher(description);
            if (!cutOffByOwnDeadline(call, answer) && leak.find()) {
                problems.add(what + " shows '" + leak.group() + "'");
            }
        }

        private static boolean clear(BadCall call, Status answer) {
            return answer.isOk() || CLEAR_REFUSALS.contains(answer.getCode()) || cutOffByOwnDeadline(call, answer);
        }

        /**
         * A stream still open when the fuzzer's deadline passed: no refusal of the server's, and the words are
         * grpc-java's own (they name the address it called), so they are not searched for leaks.
         */
        private static boolean cutOffByOwnDeadline(BadCall call, Status answer) {
            return answer.getCode() == Status.Code.DEADLINE_EXCEEDED
                    && call.method().getType() == MethodType.SERVER_STREAMING;
        }

        public List<String> problems() {
            return List.copyOf(problems);
        }

        /** How many calls of {@code method} ("CreateUser") were answered OK. */
        public int accepted(String method) {
            return acceptedByMethod.getOrDefault(method, 0);
        }

        @Override
        public String toString() {
            return String.format("  %d calls; by what was broken: %s%n  answers by status: %s%n"
                    + "  accepted (odd but valid): %s%n  problems: %d%n", calls, byKind, byCode, acceptedByMethod,
                    problems.size());
        }
    }
}
