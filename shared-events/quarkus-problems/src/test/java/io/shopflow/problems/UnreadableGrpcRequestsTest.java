package io.shopflow.problems;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Field;
import com.google.protobuf.Option;
import com.google.protobuf.StringValue;
import com.google.protobuf.Type;
import org.junit.jupiter.api.Test;

/** Protobuf's own descriptor messages stand in for the APIs' requests: strings, nested and repeated messages. */
class UnreadableGrpcRequestsTest {

    private static Type.Builder type() {
        return Type.newBuilder().setName("Order")
                .addFields(Field.newBuilder().setName("id").setJsonName("id"))
                .addFields(Field.newBuilder().setName("lines").setJsonName("lines"))
                .addOneofs("payment");
    }

    @Test
    void a_message_without_nul_characters_passes() {
        assertThat(UnreadableGrpcRequests.fieldWithNul(type().build())).isEmpty();
    }

    @Test
    void names_the_field_holding_a_nul_at_any_depth() {
        assertThat(UnreadableGrpcRequests.fieldWithNul(type().setName("Or\u0000der").build())).contains("name");
        assertThat(UnreadableGrpcRequests.fieldWithNul(type().addOneofs("x\u0000").build())).contains("oneofs[1]");
        assertThat(UnreadableGrpcRequests.fieldWithNul(type().setFields(1, Field.newBuilder().setName("lines")
                .setJsonName("li\u0000nes")).build())).contains("fields[1].json_name");
        assertThat(UnreadableGrpcRequests.fieldWithNul(type().addOptions(Option.newBuilder().setName("o")
                .setValue(com.google.protobuf.Any.pack(StringValue.of("v")))).build())).isEmpty();
    }
}
