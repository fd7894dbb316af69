package io.shopflow.user.domain;

import io.shopflow.problems.NotFoundException;
import java.util.UUID;

public class UserNotFoundException extends NotFoundException {
    public UserNotFoundException(UUID id) {
        super("No user with id " + id);
    }
}
