package org.skyhold.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * One form of a page, filled and read the way a browser does it: checked boxes only, the selected option (or the
 * first), textareas as typed, and in document order, so a checkbox's hidden "false" comes before its "true".
 */
final class PageForm {
    private static final Set<String> NOT_SENT = Set.of("submit", "button", "image", "reset", "file");
    private final Element form;

    PageForm(Element form) {
        this.form = form;
        // browsers drop the one line break that follows <textarea>; Jsoup keeps it
        for (Element area : form.select("textarea")) {
            String text = area.wholeText();
            if (text.startsWith("\n")) {
                area.text(text.substring(1));
            }
        }
    }

    String action() {
        return form.attr("action");
    }

    String method() {
        return form.attr("method").isEmpty() ? "get" : form.attr("method");
    }

    /** The control an operator types into for {@code name} (not a checkbox's hidden "false"). */
    Element control(String name) {
        Elements all = form.select("[name=" + name + "]:not([type=hidden]), textarea[name=" + name + "]");
        if (all.isEmpty()) {
            all = form.select("[name=" + name + "]");
        }
        assertThat(all).as("a control named " + name + " in form " + action()).isNotEmpty();
        return all.last();
    }

    /** Types {@code value} into the control, ticks or clears a checkbox ("true"), or picks the option. */
    PageForm set(String name, String value) {
        Element c = control(name);
        switch (c.tagName()) {
            case "textarea" -> c.text(value);
            case "select" -> {
                Element option = c.selectFirst("option[value=" + cssString(value) + "]");
                assertThat(option).as(name + " offers " + value).isNotNull();
                c.select("option").removeAttr("selected");
                option.attr("selected", "");
            }
            default -> {
                if ("checkbox".equals(c.attr("type"))) {
                    c.attr("checked", "true".equals(value));
                } else {
                    c.val(value);
                }
            }
        }
        return this;
    }

    /** What a browser would send now. */
    List<Map.Entry<String, String>> data() {
        List<Map.Entry<String, String>> data = new ArrayList<>();
        for (Element el : form.select("input, select, textarea")) {
            String name = el.attr("name");
            if (name.isEmpty() || el.hasAttr("disabled")) {
                continue;
            }
            switch (el.tagName()) {
                case "textarea" -> data.add(Map.entry(name, el.wholeText()));
                case "select" -> {
                    Element chosen = el.selectFirst("option[selected]");
                    chosen = chosen != null ? chosen : el.selectFirst("option");
                    if (chosen != null) {
                        data.add(Map.entry(name, chosen.hasAttr("value") ? chosen.attr("value") : chosen.text()));
                    }
                }
                default -> {
                    String type = el.attr("type").isEmpty() ? "text" : el.attr("type").toLowerCase();
                    if (NOT_SENT.contains(type)) {
                        continue;
                    }
                    if (type.equals("checkbox") || type.equals("radio")) {
                        if (el.hasAttr("checked")) {
                            data.add(Map.entry(name, el.hasAttr("value") ? el.attr("value") : "on"));
                        }
                    } else {
                        data.add(Map.entry(name, el.attr("value")));
                    }
                }
            }
        }
        return data;
    }

    private static String cssString(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
