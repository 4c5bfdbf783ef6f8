"""Developer tools: icon rendering and screenshots."""
