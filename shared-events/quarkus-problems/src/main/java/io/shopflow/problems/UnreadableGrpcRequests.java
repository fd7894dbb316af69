package io.shopflow.problems;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses, with INVALID_ARGUMENT and before the service sees it, a gRPC request the service cannot read:
 * <ul>
 *   <li>bytes that are no message of the request's type. Vert.x' gRPC server drops a request it cannot parse and
 *   goes on as if the client had sent none, which the service's stub answers INTERNAL ("Half-closed without a
 *   request"); on grpc-java's server such a request arrives as {@code null} (service-calls'
 *   UnreadableRequestsAsNull), since grpc-java would answer the parse failure UNKNOWN;</li>
 *   <li>a NUL character in any string field, at any depth, naming the field ({@link StrictJson} for gRPC). proto3
 *   strings may hold one, PostgreSQL text may not: a lookup or a write with it would fail in the database.</li>
 * </ul>
 * Both found by the gRPC fuzzing pass (events-testing's GrpcFuzzer).
 */
@ApplicationScoped
@GlobalInterceptor
public class UnreadableGrpcRequests implements ServerInterceptor {

    private static final char NUL = '\u0000';

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
                                                                 ServerCallHandler<ReqT, RespT> next) {
        return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
            private boolean refused;
            private boolean received;

            @Override
            public void onMessage(ReqT message) {
                received = true;
                if (message == null) {
                    refuse("The request is not a " + requestType(call.getMethodDescriptor()) + " message");
                    return;
                }
                Optional<String> field = message instanceof Message protobuf ? fieldWithNul(protobuf) : Optional.empty();
                if (field.isPresent()) {
                    refuse(field.get() + ": must not hold a NUL character");
                } else if (!refused) {
                    super.onMessage(message);
                }
            }

            @Override
            public void onHalfClose() {
                if (!received && call.getMethodDescriptor().getType().clientSendsOneMessage()) {
                    refuse("The request is not a " + requestType(call.getMethodDescriptor()) + " message");
                } else if (!refused) {
                    super.onHalfClose();
                }
            }

            private void refuse(String description) {
                refused = true;
                try {
                    call.close(Status.INVALID_ARGUMENT.withDescription(description), new Metadata());
                } catch (IllegalStateException answeredAlready) {
                    // The server refused this request itself (a message over the size limit gets RESOURCE_EXHAUSTED)
                    // and then half-closes as if none had come; its answer stands, and a call has only one.
                }
            }
        };
    }

    private static String requestType(MethodDescriptor<?, ?> method) {
        return method.getRequestMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<?> typed
                && typed.getMessagePrototype() instanceof Message prototype
                ? prototype.getDescriptorForType().getFullName() : "readable";
    }

    /**
     * The path of the first string field holding a NUL, e.g. {@code lines[2].sku}. Every request goes through here,
     * so a path is built only for the field found, not for each field looked at.
     */
    static Optional<String> fieldWithNul(Message message) {
        for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
            String name = field.getKey().getName();
            if (field.getValue() instanceof List<?> values) {
                for (int i = 0; i < values.size(); i++) {
                    int index = i;
                    Optional<String> found = pathToNul(values.get(i)).map(rest -> name + "[" + index + "]" + rest);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            } else {
                Optional<String> found = pathToNul(field.getValue()).map(rest -> name + rest);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** "" for a string holding a NUL, ".path" for a message with one inside, nothing otherwise. */
    private static Optional<String> pathToNul(Object value) {
        if (value instanceof String text) {
            return text.indexOf(NUL) >= 0 ? Optional.of("") : Optional.empty();
        }
        return value instanceof Message nested ? fieldWithNul(nested).map(path -> "." + path) : Optional.empty();
    }
}
