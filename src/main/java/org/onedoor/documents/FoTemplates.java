package org.onedoor.documents;

import java.io.StringReader;
import java.util.Locale;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The forms' layouts: XSL-FO templates under {@code resources/documents/}, filled by Thymeleaf in XML mode with texts
 * from the message bundles ({@code documents_*.properties}), so that a form's wording is translated, not coded.
 */
@Component
class FoTemplates {

    private final SpringTemplateEngine engine = new SpringTemplateEngine();
    private final DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();

    FoTemplates(MessageSource messages) {
        var resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("documents/");
        resolver.setSuffix(".fo");
        resolver.setTemplateMode(TemplateMode.XML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine.setTemplateResolver(resolver);
        engine.setTemplateEngineMessageSource(messages);
        engine.setEnableSpringELCompiler(true);
        xml.setNamespaceAware(true);
        try {
            xml.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The template filled in, as a DOM ready for {@link PdfRenderer}. */
    Document render(String template, Map<String, Object> model, Locale locale) {
        var text = engine.process(template, new Context(locale, model));
        try {
            return xml.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
        } catch (SAXException | java.io.IOException | ParserConfigurationException e) {
            throw new IllegalStateException("Template " + template + " did not give well-formed XML: " + e.getMessage(), e);
        }
    }
}
