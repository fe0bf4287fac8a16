annalsSearch.facets("organizations",[["Grey Sea Fisheries Council","grey-sea-fisheries-council",3]]);
