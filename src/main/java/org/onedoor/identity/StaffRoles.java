package org.onedoor.identity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.onedoor.shared.LocalizedText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The roles staff can be granted, for other modules that name them (a workflow step is held by a role). */
@Service
@Transactional(readOnly = true)
public class StaffRoles {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    StaffRoles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Each staff role's code and name, in the order they were defined. */
    public Map<String, LocalizedText> names() {
        var names = new LinkedHashMap<String, LocalizedText>();
        jdbc.sql("select code, name::text from identity.role where staff_only order by ctid").query(rs -> {
            names.put(rs.getString(1), new LocalizedText(JSON.readValue(rs.getString(2), new TypeReference<Map<String, String>>() {
            })));
        });
        return names;
    }

    public Set<String> codes() {
        return Set.copyOf(jdbc.sql("select code from identity.role where staff_only").query(String.class).list());
    }
}
