package org.onedoor.procedure;

import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes procedure documents and workflows as the JSON stored, exported and imported. */
@Component
public class ProcedureJson {

    private final JsonMapper mapper = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

    public String write(Object document) {
        return mapper.writeValueAsString(document);
    }

    public ProcedureDefinition read(String json) {
        return mapper.readValue(json, ProcedureDefinition.class);
    }

    /** One part of a document, e.g. its name or time limit. */
    public <T> T part(String json, Class<T> type) {
        return mapper.readValue(json, type);
    }

    public Workflow workflow(String json) {
        return mapper.readValue(json, Workflow.class);
    }

    public JsonMapper mapper() {
        return mapper;
    }
}
