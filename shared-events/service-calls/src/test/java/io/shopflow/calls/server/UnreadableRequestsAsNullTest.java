package io.shopflow.calls.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.MethodDescriptor;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UnreadableRequestsAsNullTest {

    /** Reads only digits, and refuses anything else as protobuf's marshaller refuses bytes of another message. */
    private static final MethodDescriptor.Marshaller<String> DIGITS = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try {
                String text = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
                if (!text.chars().allMatch(Character::isDigit)) {
                    throw Status.INTERNAL.withDescription("Invalid protobuf byte sequence").asRuntimeException();
                }
                return text;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private static final MethodDescriptor<String, String> ECHO = MethodDescriptor.<String, String>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName("test.Echo/Echo")
            .setRequestMarshaller(DIGITS).setResponseMarshaller(DIGITS).build();

    private static final ServerMethodDefinition<String, String> REGISTERED = ServerMethodDefinition.create(ECHO,
            ServerCalls.asyncUnaryCall((request, answer) -> answer.onNext(request)));

    private final UnreadableRequestsAsNull wrapping = new UnreadableRequestsAsNull();

    /** As grpc-java's server does on every call: the registered definition with that call's chain of interceptors. */
    private static ServerMethodDefinition<String, String> aCall() {
        ServerCallHandler<String, String> handler = REGISTERED.getServerCallHandler()::startCall;
        return REGISTERED.withServerCallHandler(handler);
    }

    @Test
    void every_call_of_a_method_gets_the_same_descriptor_so_what_keys_on_it_does_not_grow_per_call() {
        var first = wrapping.wrapMethodDefinition(aCall());
        var second = wrapping.wrapMethodDefinition(aCall());

        assertThat(second.getMethodDescriptor()).isSameAs(first.getMethodDescriptor());
        assertThat(first.getMethodDescriptor().getFullMethodName()).isEqualTo(ECHO.getFullMethodName());
    }

    @Test
    void each_call_keeps_its_own_handler() {
        var call = aCall();

        assertThat(wrapping.wrapMethodDefinition(call).getServerCallHandler()).isSameAs(call.getServerCallHandler());
    }

    @Test
    void a_request_that_is_no_message_of_its_type_is_read_as_null_and_a_message_as_itself() {
        var requests = wrapping.wrapMethodDefinition(aCall()).getMethodDescriptor().getRequestMarshaller();

        assertThat(requests.parse(DIGITS.stream("not digits"))).isNull();
        assertThat(requests.parse(DIGITS.stream("42"))).isEqualTo("42");
    }
}
