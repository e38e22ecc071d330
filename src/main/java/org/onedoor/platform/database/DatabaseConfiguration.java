package org.onedoor.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Uses the PostgreSQL named by {@code ONEDOOR_DB_URL}, or, when none is named, starts the embedded one under
 * {@code ONEDOOR_DATA_DIR/pg}.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean
    @Conditional(NoExternalDatabase.class)
    DataSource embeddedDataSource(@Value("${onedoor.data-dir}") Path dataDir,
                                  @Value("${onedoor.db.durable:true}") boolean durable,
                                  @Value("${onedoor.db.fresh:false}") boolean fresh,
                                  @Value("${spring.datasource.hikari.maximum-pool-size:20}") int poolSize) {
        var database = EmbeddedDatabase.forDirectory(dataDir.resolve("pg"), durable, fresh);
        var pool = new HikariDataSource();
        pool.setJdbcUrl(database.jdbcUrl());
        pool.setUsername("postgres");
        pool.setMaximumPoolSize(poolSize);
        pool.setPoolName("onedoor-embedded");
        return pool;
    }
}
