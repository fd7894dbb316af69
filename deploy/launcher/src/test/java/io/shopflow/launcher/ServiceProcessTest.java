package io.shopflow.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProcessTest {

    @TempDir
    Path logs;

    private String tidied(String content) throws Exception {
        Path log = Files.writeString(logs.resolve("service.log"), content);
        ServiceProcess.dropUnfinishedLastLine(log);
        return Files.readString(log);
    }

    @Test
    void the_half_line_a_killed_process_left_is_cut_off_before_a_restart_appends() throws Exception {
        assertEquals("{\"a\":1}\n{\"b\":2}\n", tidied("{\"a\":1}\n{\"b\":2}\n{\"c\":"));
        assertEquals("", tidied("{\"half\":"));
    }

    @Test
    void whole_lines_are_left_as_they_are() throws Exception {
        assertEquals("{\"a\":1}\n{\"b\":2}\n", tidied("{\"a\":1}\n{\"b\":2}\n"));
        assertEquals("", tidied(""));
    }
}
