package io.shopflow.user.grpc;

import com.google.protobuf.Timestamp;
import io.shopflow.grpc.user.v1.CreateUserRequest;
import io.shopflow.grpc.user.v1.UpdateUserRequest;
import io.shopflow.grpc.user.v1.User;
import io.shopflow.problems.InvalidFieldException;
import io.shopflow.user.domain.NewUser;
import io.shopflow.user.domain.UserChanges;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** Translation between protobuf messages and the domain; validation is left to the directory. */
final class UserMessages {

    private UserMessages() {
    }

    static User toMessage(io.shopflow.user.domain.User user) {
        return User.newBuilder()
                .setId(user.id().toString())
                .setName(user.name())
                .setEmail(user.email())
                .setAddress(user.address())
                .setCredit(user.credit().toPlainString())
                .setVersion(user.version())
                .setCreatedAt(timestamp(user.createdAt()))
                .setUpdatedAt(timestamp(user.updatedAt()))
                .build();
    }

    /** proto3 strings are never null; an empty string is what a client sends for a field it left out. */
    static NewUser toNewUser(CreateUserRequest request) {
        return new NewUser(request.getName(), request.getEmail(), request.getAddress(),
                request.getInitialCredit().isEmpty() ? null : decimal("initial_credit", request.getInitialCredit()));
    }

    private static BigDecimal decimal(String field, String value) {
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(field, "is not a decimal number");
        }
    }

    static UserChanges toChanges(UpdateUserRequest request) {
        return new UserChanges(
                request.hasName() ? request.getName() : null,
                request.hasEmail() ? request.getEmail() : null,
                request.hasAddress() ? request.getAddress() : null);
    }

    private static Timestamp timestamp(OffsetDateTime time) {
        var instant = time.toInstant();
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
