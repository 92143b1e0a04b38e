/**
 * The OpenStack backend's implementation: the openstack4j session, the HTTP calls, retries, look-ups and the mapping
 * between stackwright resources and OpenStack's. Not API: anything here may change or disappear in any release, and
 * no public signature outside this package mentions a type from it.
 */
package dev.stackwright.openstack.internal;
