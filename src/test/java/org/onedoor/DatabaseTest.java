package org.onedoor;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * A test of the whole application on a real PostgreSQL: the embedded one, and again the PostgreSQL server in the
 * second test pass (tag {@code database}, ADR 0018). All such tests share one application context and its clock;
 * before each, no password is older than 30 days by that clock ({@link CurrentPasswords}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, TestMailConfiguration.class})
@Tag("database")
@ExtendWith(CurrentPasswords.class)
public @interface DatabaseTest {
}
