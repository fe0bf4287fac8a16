annalsSearch.facets("places",[["Kestrel Federation","kestrel-federation",8],["Arvenia","arvenia",7]]);
