/**
 * Presentation records the templates render. Pure data filled by the app's page controllers; they live here,
 * beside the templates, because templates are compiled in this module and may see only it and {@code domain}.
 */
package org.skyhold.web.view;
