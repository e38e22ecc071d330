package org.onedoor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Each test pass runs on the database it claims: the embedded PostgreSQL 17, or the PostgreSQL server named by ONEDOOR_DB_URL. */
@DatabaseTest
class DatabaseUnderTestTests {

    @Autowired
    JdbcClient jdbc;

    @Test
    void runsOnTheDatabaseOfThisPass() {
        var version = jdbc.sql("show server_version").query(String.class).single();
        var port = jdbc.sql("select current_setting('port')").query(String.class).single();
        var pass = System.getProperty("onedoor.test-pass", "embedded");
        var serverUrl = System.getenv("ONEDOOR_DB_URL");

        if (pass.equals("server")) {
            assertThat(serverUrl).as("the server pass needs ONEDOOR_DB_URL").isNotBlank();
            assertThat(serverUrl).contains(":" + port + "/");
            assertThat(version).doesNotStartWith("17.");
        } else {
            assertThat(serverUrl).as("the embedded pass must not name a server").isNullOrEmpty();
            assertThat(version).startsWith("17.");
        }
    }
}
