package org.onedoor.procedure;

/** Procedure documents as the JSON the API reads. */
public final class ProcedureJsonFixtures {

    private static final ProcedureJson JSON = new ProcedureJson();

    private ProcedureJsonFixtures() {
    }

    public static String json(Object document) {
        return JSON.write(document);
    }
}
