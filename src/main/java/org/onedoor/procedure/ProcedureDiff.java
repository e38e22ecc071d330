package org.onedoor.procedure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What changed between two versions of a procedure, field by field: each change names the place in the document as a
 * JSON pointer (e.g. {@code /channels/0/fee/amount}, {@code /workflow/steps/2/role}) with the value before and after.
 */
public final class ProcedureDiff {

    /** One changed value; before is null where the field was added, after where it was removed. */
    public record Change(String pointer, @Nullable String before, @Nullable String after) {
    }

    private ProcedureDiff() {
    }

    public static List<Change> between(ProcedureDefinition older, ProcedureDefinition newer, ProcedureJson json) {
        var before = flatten(json.mapper().valueToTree(older));
        var after = flatten(json.mapper().valueToTree(newer));
        var pointers = new TreeSet<String>(ProcedureDiff::compare);
        pointers.addAll(before.keySet());
        pointers.addAll(after.keySet());
        var changes = new ArrayList<Change>();
        for (var pointer : pointers) {
            var a = before.get(pointer);
            var b = after.get(pointer);
            if (a == null ? b != null : !a.equals(b)) changes.add(new Change(pointer, a, b));
        }
        return changes;
    }

    /** Every leaf value of the document under its pointer; nulls and empty lists are left out. */
    private static Map<String, String> flatten(JsonNode node) {
        var leaves = new LinkedHashMap<String, String>();
        flatten("", node, leaves);
        return leaves;
    }

    private static void flatten(String pointer, JsonNode node, Map<String, String> leaves) {
        if (node.isObject()) {
            for (var entry : node.properties()) flatten(pointer + "/" + entry.getKey(), entry.getValue(), leaves);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) flatten(pointer + "/" + i, node.get(i), leaves);
        } else if (!node.isNull()) {
            leaves.put(pointer, node.asString());
        }
    }

    /** Document order: numeric segments compare as numbers, so /steps/10 comes after /steps/9. */
    private static int compare(String a, String b) {
        var left = a.split("/");
        var right = b.split("/");
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            if (left[i].equals(right[i])) continue;
            if (left[i].matches("[0-9]+") && right[i].matches("[0-9]+")) return Integer.compare(Integer.parseInt(left[i]), Integer.parseInt(right[i]));
            return left[i].compareTo(right[i]);
        }
        return Integer.compare(left.length, right.length);
    }
}
