package org.onedoor;

import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Before each test, no password is older than 30 days by the test clock. The suite shares one clock, which its tests
 * move weeks ahead (next working morning, deadlines, retries), past the 60-day lifetime of an administrator's password
 * (AUTH-3); without this, whether a test may use the demo administrators would depend on which tests ran before it.
 * A test of the lifetime itself moves the clock within the test.
 */
final class CurrentPasswords implements BeforeEachCallback {

    private static final Duration FRESH = Duration.ofDays(30);

    @Override
    public void beforeEach(ExtensionContext context) {
        var spring = SpringExtension.getApplicationContext(context);
        var now = spring.getBean(TestClock.class).instant();
        spring.getBean(JdbcClient.class).sql("""
                update identity.account set password_changed_at = :now
                 where coalesce(password_changed_at, created_at) < :cutoff""")
                .param("now", now.atOffset(ZoneOffset.UTC)).param("cutoff", now.minus(FRESH).atOffset(ZoneOffset.UTC)).update();
    }
}
