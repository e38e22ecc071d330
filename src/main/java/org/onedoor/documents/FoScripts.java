package org.onedoor.documents;

import java.text.Normalizer;
import java.util.ArrayList;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Prepares the text of a formatting-objects tree for the PDF: every text in NFC (decomposed Vietnamese loses its
 * diacritics' placement, stack-notes §7), and every run of Lao letters put in an inline of the Lao font with
 * {@code script="lao"}, so that FOP's complex-script shaping stacks the tone marks over upper vowels. Doing it here,
 * once, keeps the templates free of script mark-up: a Lao unit name inside a Vietnamese form is shaped as well.
 */
final class FoScripts {

    static final String FO = "http://www.w3.org/1999/XSL/Format";
    /** The font families the templates use; {@link PdfRenderer} maps them onto the fonts found on the machine. */
    static final String BODY_FONT = "body";
    static final String LAO_FONT = "lao";

    private FoScripts() {
    }

    static void prepare(Document fo) {
        walk(fo.getDocumentElement());
    }

    private static void walk(Element element) {
        if ("instream-foreign-object".equals(element.getLocalName())) return;
        var children = new ArrayList<Node>();
        for (var n = element.getFirstChild(); n != null; n = n.getNextSibling()) children.add(n);
        boolean lao = "lao".equals(element.getAttribute("script"));
        for (var child : children) {
            if (child instanceof Element e) {
                walk(e);
            } else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                var text = Normalizer.normalize(child.getNodeValue(), Normalizer.Form.NFC);
                if (lao || !hasLao(text)) {
                    child.setNodeValue(text);
                } else {
                    split(element, child, text);
                }
            }
        }
    }

    /** Replaces the text node by its runs: other text as text, Lao runs (with the spaces between Lao words) in inlines. */
    private static void split(Element parent, Node node, String text) {
        var doc = parent.getOwnerDocument();
        int i = 0;
        while (i < text.length()) {
            int start = i;
            if (isLao(text.charAt(i))) {
                int end = i;
                while (i < text.length() && (isLao(text.charAt(i)) || text.charAt(i) == ' ')) {
                    if (isLao(text.charAt(i))) end = i + 1;
                    i++;
                }
                i = end;
                var inline = doc.createElementNS(FO, "fo:inline");
                inline.setAttribute("font-family", LAO_FONT);
                inline.setAttribute("script", "lao");
                inline.setAttribute("language", "lo");
                inline.appendChild(doc.createTextNode(text.substring(start, end)));
                parent.insertBefore(inline, node);
            } else {
                while (i < text.length() && !isLao(text.charAt(i))) i++;
                parent.insertBefore(doc.createTextNode(text.substring(start, i)), node);
            }
        }
        parent.removeChild(node);
    }

    static boolean hasLao(String text) {
        for (int i = 0; i < text.length(); i++) if (isLao(text.charAt(i))) return true;
        return false;
    }

    static boolean isLao(char c) {
        return c >= '\u0E80' && c <= '\u0EFF';
    }
}
