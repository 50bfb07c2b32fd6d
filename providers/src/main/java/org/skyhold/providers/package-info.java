/** VM and DNS provider implementations, one sub-package per cloud, registered in the app's ProviderRegistry. */
package org.skyhold.providers;
